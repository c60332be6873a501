package dev.dbaas.pipeline.intake.order;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.dbaas.pipeline.intake.catalog.Catalog;
import org.jspecify.annotations.Nullable;

/**
 * The network step: one to the catalog's maximum of trusted sources, each parsed by
 * {@link TrustedSourceParser}, none listed twice or covered by another.
 */
final class TrustedSourcesRule {

	private final int maxEntries;

	private final TrustedSourceParser parser;

	TrustedSourcesRule(Catalog catalog) {
		this.maxEntries = catalog.trustedSources().maxEntries();
		this.parser = new TrustedSourceParser(catalog.trustedSources());
	}

	Checked<List<TrustedSource>> check(@Nullable List<@Nullable String> values) {
		List<Violation> violations = new ArrayList<>();
		if (values == null || values.isEmpty()) {
			violations.add(new Violation("/trustedSources",
					"add at least one trusted source: the IPv4 addresses or ranges allowed to connect, e.g. "
							+ "123.123.123.123 or 222.222.222.128/28",
					"trusted-sources-missing"));
			return new Checked<>(List.of(), violations);
		}
		if (values.size() > this.maxEntries) {
			violations
				.add(new Violation("/trustedSources",
						values.size() + " trusted sources are listed; at most " + this.maxEntries
								+ " are allowed, so merge neighbouring addresses into ranges",
						"too-many-trusted-sources"));
		}
		Map<Integer, TrustedSource> parsed = parseEach(values, violations);
		return new Checked<>(withoutRedundantEntries(parsed, violations), violations);
	}

	private Map<Integer, TrustedSource> parseEach(List<@Nullable String> values, List<Violation> violations) {
		// Entries past the limit are not checked one by one: the list has to shrink
		// anyway, and a hostile list of thousands must not cost a quadratic overlap
		// check.
		int checked = Math.min(values.size(), this.maxEntries);
		Map<Integer, TrustedSource> parsed = new LinkedHashMap<>();
		for (int i = 0; i < checked; i++) {
			String value = values.get(i);
			if (value == null) {
				violations.add(new Violation("/trustedSources/" + i,
						"write the entry as a string, e.g. \"123.123.123.123\" or \"222.222.222.128/28\"",
						"invalid-trusted-source"));
				continue;
			}
			TrustedSourceParser.Outcome outcome = this.parser.parse(value);
			if (outcome instanceof TrustedSourceParser.Outcome.Invalid invalid) {
				violations.add(new Violation("/trustedSources/" + i, invalid.detail(), "invalid-trusted-source"));
			}
			else if (outcome instanceof TrustedSourceParser.Outcome.Valid valid) {
				parsed.put(i, valid.source());
			}
		}
		return parsed;
	}

	private static List<TrustedSource> withoutRedundantEntries(Map<Integer, TrustedSource> parsed,
			List<Violation> violations) {
		List<TrustedSource> accepted = new ArrayList<>();
		Map<TrustedSource, Integer> firstIndex = new HashMap<>();
		for (Map.Entry<Integer, TrustedSource> entry : parsed.entrySet()) {
			int index = entry.getKey();
			TrustedSource source = entry.getValue();
			Integer duplicate = firstIndex.putIfAbsent(source, index);
			if (duplicate != null) {
				violations.add(new Violation("/trustedSources/" + index,
						source + " is listed twice (also at /trustedSources/" + duplicate + "); remove one",
						"duplicate-trusted-source"));
				continue;
			}
			String coveredBy = parsed.entrySet()
				.stream()
				.filter((other) -> other.getKey() != index && !other.getValue().equals(source)
						&& other.getValue().covers(source))
				.map((other) -> other.getValue() + " at /trustedSources/" + other.getKey())
				.findFirst()
				.orElse(null);
			if (coveredBy != null) {
				violations.add(new Violation("/trustedSources/" + index,
						source + " is already covered by " + coveredBy + "; remove it", "covered-trusted-source"));
				continue;
			}
			accepted.add(source);
		}
		return accepted;
	}

}
