package dev.dbaas.pipeline.intake.order;

/**
 * A public IPv4 network allowed to connect to an ordered database, in canonical form: the
 * network address with no host bits set and a prefix length. A bare address is a
 * {@code /32}.
 *
 * <p>
 * Parse user input with {@link TrustedSourceParser}; this type only guarantees the
 * canonical shape.
 *
 * @param network the network address as an unsigned 32-bit value
 * @param prefixLength prefix length, 0 to 32
 */
public record TrustedSource(int network, int prefixLength) {

	public TrustedSource {
		if (prefixLength < 0 || prefixLength > 32) {
			throw new InvalidOrderValue(TrustedSource.class, "prefix length must be 0 to 32, got " + prefixLength);
		}
		if ((network & ~mask(prefixLength)) != 0) {
			throw new InvalidOrderValue(TrustedSource.class,
					"host bits set in " + format(network) + "/" + prefixLength);
		}
	}

	/**
	 * Reads the canonical text form back, as {@link #cidr()} wrote it (stored values, not
	 * user input: parse that with {@link TrustedSourceParser}).
	 * @param cidr e.g. {@code 222.222.222.128/28}
	 * @return the trusted source
	 * @throws InvalidOrderValue if the text is not in the canonical form
	 */
	public static TrustedSource ofCidr(String cidr) {
		String[] parts = cidr.split("/", -1);
		String[] octets = (parts.length == 2) ? parts[0].split("\\.", -1) : new String[0];
		if (octets.length != 4) {
			throw new InvalidOrderValue(TrustedSource.class, "not in CIDR form: " + cidr);
		}
		try {
			int network = 0;
			for (String octet : octets) {
				int value = Integer.parseInt(octet);
				if (value < 0 || value > 255) {
					throw new InvalidOrderValue(TrustedSource.class, "octet out of range in " + cidr);
				}
				network = (network << 8) | value;
			}
			return new TrustedSource(network, Integer.parseInt(parts[1]));
		}
		catch (NumberFormatException ex) {
			throw new InvalidOrderValue(TrustedSource.class, "not in CIDR form: " + cidr);
		}
	}

	/**
	 * Whether every address of {@code other} is also in this network.
	 * @param other another trusted source
	 * @return {@code true} if this network covers the other (or equals it)
	 */
	public boolean covers(TrustedSource other) {
		return other.prefixLength >= this.prefixLength && (other.network & mask(this.prefixLength)) == this.network;
	}

	/**
	 * The canonical text form, e.g. {@code 222.222.222.128/28} or
	 * {@code 123.123.123.123/32}.
	 * @return the CIDR notation
	 */
	public String cidr() {
		return format(this.network) + "/" + this.prefixLength;
	}

	@Override
	public String toString() {
		return cidr();
	}

	static int mask(int prefixLength) {
		return (prefixLength == 0) ? 0 : -1 << (32 - prefixLength);
	}

	private static String format(int address) {
		return ((address >>> 24) & 0xFF) + "." + ((address >>> 16) & 0xFF) + "." + ((address >>> 8) & 0xFF) + "."
				+ (address & 0xFF);
	}

}
