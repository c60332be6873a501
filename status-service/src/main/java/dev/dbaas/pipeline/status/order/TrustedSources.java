package dev.dbaas.pipeline.status.order;

import java.util.List;

/**
 * The check every list of trusted sources passes: CIDRs as text, without whitespace (they
 * are stored space-separated).
 */
final class TrustedSources {

	private TrustedSources() {
	}

	static List<String> checked(String field, List<String> sources) {
		if (sources == null) {
			throw new InvalidOrderEventException(field + " must not be null");
		}
		for (String source : sources) {
			Text.require(field, source, 64);
			if (source.chars().anyMatch(Character::isWhitespace)) {
				throw new InvalidOrderEventException(field + " must not contain whitespace: '" + source + "'");
			}
		}
		return List.copyOf(sources);
	}

}
