package dev.dbaas.pipeline.security.web;

import java.util.function.Predicate;

import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * What Spring Security's firewall allows in header names and values, checked character by
 * character instead of by its regular expressions. {@link StrictHttpFirewall} checks
 * every header a filter reads, each time it is read, with
 * {@code [\p{IsAssigned}&&[^\p{IsControl}]]*} (names) and
 * {@code [\p{IsAssigned}&&[[^\p{IsControl}]||\t]]*} (values). The bearer token's
 * {@code Authorization} header, about 700 characters, is read twice per request, and
 * under load those two matches were the largest single cost of a request (decision 0033).
 * The predicates here accept exactly the same strings: printable ASCII at once, every
 * other code point by its Unicode category, as the expressions do. Thread-safe.
 */
final class HeaderCharacters {

	/** Header names: assigned code points that are not control characters. */
	static final Predicate<String> NAMES = (name) -> allowed(name, false);

	/** Header values: the same, and horizontal tabs. */
	static final Predicate<String> VALUES = (value) -> allowed(value, true);

	private HeaderCharacters() {
	}

	/**
	 * The firewall of every service: Spring Security's strict firewall with its header
	 * checks replaced by the predicates above, everything else at its defaults.
	 * @return the firewall
	 */
	static StrictHttpFirewall firewall() {
		StrictHttpFirewall firewall = new StrictHttpFirewall();
		firewall.setAllowedHeaderNames(NAMES);
		firewall.setAllowedHeaderValues(VALUES);
		return firewall;
	}

	private static boolean allowed(String text, boolean tab) {
		int length = text.length();
		int i = 0;
		while (i < length) {
			char c = text.charAt(i);
			if (c >= 0x20 && c < 0x7f) {
				i++;
				continue;
			}
			int codePoint = text.codePointAt(i);
			int category = Character.getType(codePoint);
			if (category == Character.UNASSIGNED || (category == Character.CONTROL && !(tab && codePoint == '\t'))) {
				return false;
			}
			i += Character.charCount(codePoint);
		}
		return true;
	}

}
