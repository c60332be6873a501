package dev.dbaas.pipeline.provisioner.local.engine;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An IPv4 network that may connect to an instance, e.g. {@code 127.0.0.2/32}. The host
 * bits are zero.
 *
 * @param address the network address as a 32-bit number
 * @param prefixLength 0 to 32
 */
public record TrustedNetwork(int address, int prefixLength) {

	private static final Pattern CIDR = Pattern
		.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})(?:/(\\d{1,2}))?");

	public TrustedNetwork {
		if (prefixLength < 0 || prefixLength > 32) {
			throw new IllegalArgumentException("prefix length must be 0 to 32, got " + prefixLength);
		}
		if ((address & ~mask(prefixLength)) != 0) {
			throw new IllegalArgumentException(dotted(address) + "/" + prefixLength + " has host bits set");
		}
	}

	/**
	 * Parses {@code a.b.c.d/n} (a bare address means {@code /32}).
	 * @param cidr the text
	 * @return the network
	 * @throws IllegalArgumentException if it is no IPv4 CIDR or has host bits set
	 */
	public static TrustedNetwork parse(String cidr) {
		Objects.requireNonNull(cidr, "cidr");
		Matcher matcher = CIDR.matcher(cidr.trim());
		if (!matcher.matches()) {
			throw new IllegalArgumentException("'" + cidr + "' is not an IPv4 CIDR such as 203.0.113.0/24");
		}
		int address = 0;
		for (int i = 1; i <= 4; i++) {
			int octet = Integer.parseInt(matcher.group(i));
			if (octet > 255) {
				throw new IllegalArgumentException("'" + cidr + "' has an octet above 255");
			}
			address = (address << 8) | octet;
		}
		int prefix = (matcher.group(5) != null) ? Integer.parseInt(matcher.group(5)) : 32;
		return new TrustedNetwork(address, prefix);
	}

	/**
	 * The network from an address and a netmask, as servers report them.
	 * @param address dotted address
	 * @param netmask dotted netmask with contiguous ones
	 * @return the network
	 */
	public static TrustedNetwork ofNetmask(String address, String netmask) {
		int mask = parse(netmask).address();
		int prefix = Integer.bitCount(mask);
		if (mask != mask(prefix)) {
			throw new IllegalArgumentException("netmask " + netmask + " is not contiguous");
		}
		return new TrustedNetwork(parse(address).address(), prefix);
	}

	/**
	 * The netmask, e.g. {@code 255.255.255.0} for a {@code /24}.
	 * @return dotted netmask
	 */
	public String netmask() {
		return dotted(mask(this.prefixLength));
	}

	/**
	 * The network address, e.g. {@code 10.0.0.0}.
	 * @return dotted address
	 */
	public String networkAddress() {
		return dotted(this.address);
	}

	/**
	 * Whether this network lies inside the loopback range {@code 127.0.0.0/8}, that is on
	 * this machine.
	 * @return {@code true} for loopback networks
	 */
	public boolean isLoopback() {
		return this.prefixLength >= 8 && (this.address >>> 24) == 127;
	}

	/**
	 * An address inside the network that a client on this machine can bind: the network
	 * address of a {@code /31} or {@code /32}, the first host otherwise.
	 * @return dotted address
	 */
	public String firstHost() {
		return dotted((this.prefixLength >= 31) ? this.address : this.address + 1);
	}

	private static int mask(int prefixLength) {
		return (prefixLength == 0) ? 0 : -1 << (32 - prefixLength);
	}

	private static String dotted(int address) {
		return (address >>> 24) + "." + ((address >>> 16) & 0xff) + "." + ((address >>> 8) & 0xff) + "."
				+ (address & 0xff);
	}

	@Override
	public String toString() {
		return networkAddress() + "/" + this.prefixLength;
	}

}
