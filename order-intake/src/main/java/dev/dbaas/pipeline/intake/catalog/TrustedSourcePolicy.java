package dev.dbaas.pipeline.intake.catalog;

import java.util.List;

/**
 * What an order may list as trusted sources.
 *
 * @param ipVersions IP versions accepted; only {@code [4]} is supported
 * @param minPrefixLength widest prefix accepted, e.g. 24
 * @param maxPrefixLength narrowest prefix accepted, at most 32
 * @param maxEntries most entries per order
 * @param allowLoopback whether loopback addresses ({@code 127.0.0.0/8}) are accepted: off
 * in production, on in the local launcher so that a developer can order a database for
 * {@code 127.0.0.1/32} and connect to it ({@code intake.trusted-sources.allow-loopback})
 */
public record TrustedSourcePolicy(List<Integer> ipVersions, int minPrefixLength, int maxPrefixLength, int maxEntries,
		boolean allowLoopback) {

	public TrustedSourcePolicy {
		ipVersions = List.copyOf(ipVersions);
		if (!ipVersions.equals(List.of(4))) {
			throw new IllegalArgumentException("only IPv4 trusted sources are supported, got " + ipVersions);
		}
		if (minPrefixLength < 1 || maxPrefixLength > 32 || minPrefixLength > maxPrefixLength) {
			throw new IllegalArgumentException("prefix lengths must satisfy 1 <= min <= max <= 32, got "
					+ minPrefixLength + ".." + maxPrefixLength);
		}
		if (maxEntries < 1) {
			throw new IllegalArgumentException("maxEntries must be at least 1, got " + maxEntries);
		}
	}

	/**
	 * A policy that refuses loopback addresses, as production does.
	 * @param ipVersions IP versions accepted
	 * @param minPrefixLength widest prefix accepted
	 * @param maxPrefixLength narrowest prefix accepted
	 * @param maxEntries most entries per order
	 */
	public TrustedSourcePolicy(List<Integer> ipVersions, int minPrefixLength, int maxPrefixLength, int maxEntries) {
		this(ipVersions, minPrefixLength, maxPrefixLength, maxEntries, false);
	}

	/**
	 * This policy with loopback addresses accepted or not.
	 * @param allow whether to accept them
	 * @return the policy
	 */
	public TrustedSourcePolicy withLoopback(boolean allow) {
		return new TrustedSourcePolicy(this.ipVersions, this.minPrefixLength, this.maxPrefixLength, this.maxEntries,
				allow);
	}

}
