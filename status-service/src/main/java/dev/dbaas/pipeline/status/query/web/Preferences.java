package dev.dbaas.pipeline.status.query.web;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The parts of RFC 7240 ({@code Prefer}) and RFC 9110 conditional requests
 * ({@code If-None-Match}) that long polling uses.
 */
final class Preferences {

	private Preferences() {
	}

	/**
	 * The {@code wait} preference, in whole seconds. Preferences this service does not
	 * understand, and malformed or negative waits, are ignored as RFC 7240 asks.
	 * @param prefer values of the {@code Prefer} header
	 * @return the requested wait, if any
	 */
	static Optional<Duration> requestedWait(List<String> prefer) {
		for (String header : prefer) {
			for (String preference : header.split(",")) {
				String token = preference.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
				if (token.startsWith("wait=")) {
					String seconds = token.substring("wait=".length()).trim().replace("\"", "");
					if (!seconds.isEmpty() && seconds.length() <= 9 && seconds.chars().allMatch(Character::isDigit)) {
						return Optional.of(Duration.ofSeconds(Long.parseLong(seconds)));
					}
				}
			}
		}
		return Optional.empty();
	}

	/**
	 * The entity tags a reader holds, from {@code If-None-Match}; weak and strong forms
	 * compare alike (weak comparison, RFC 9110 section 13.1.2).
	 * @param ifNoneMatch the header value, or {@code null}
	 * @return the opaque tags without quotes or {@code W/}; {@code *} stands for any
	 */
	static Set<String> heldTags(@Nullable String ifNoneMatch) {
		if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
			return Set.of();
		}
		Set<String> tags = new LinkedHashSet<>();
		for (String part : ifNoneMatch.split(",")) {
			String tag = part.trim();
			if (tag.startsWith("W/")) {
				tag = tag.substring(2);
			}
			if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
				tag = tag.substring(1, tag.length() - 1);
			}
			if (!tag.isEmpty()) {
				tags.add(tag);
			}
		}
		return tags;
	}

	/**
	 * Whether a version is among the tags a reader holds.
	 * @param held from {@link #heldTags(String)}
	 * @param version the current version
	 * @return {@code true} if the reader already has it
	 */
	static boolean holds(Set<String> held, String version) {
		return held.contains("*") || held.contains(version);
	}

}
