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
