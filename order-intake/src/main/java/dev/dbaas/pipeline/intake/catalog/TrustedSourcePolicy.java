package dev.dbaas.pipeline.intake.catalog;

import java.util.List;

/**
 * What an order may list as trusted sources.
 *
 * @param ipVersions IP versions accepted; only {@code [4]} is supported
 * @param minPrefixLength widest prefix accepted, e.g. 24
 * @param maxPrefixLength narrowest prefix accepted, at most 32
 * @param maxEntries most entries per order
 */
public record TrustedSourcePolicy(List<Integer> ipVersions, int minPrefixLength, int maxPrefixLength, int maxEntries) {

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

}
