package dev.dbaas.pipeline.status.order;

import org.jspecify.annotations.Nullable;

/**
 * Checks for the free-text values of events: present, not blank, bounded and free of
 * control characters, so that every value that exists can be stored and shown.
 */
final class Text {

	private Text() {
	}

	static String require(String field, @Nullable String value, int maxLength) {
		if (value == null || value.isBlank()) {
			throw new InvalidOrderEventException(field + " must not be blank");
		}
		return check(field, value, maxLength);
	}

	static @Nullable String optional(String field, @Nullable String value, int maxLength) {
		if (value == null) {
			return null;
		}
		if (value.isBlank()) {
			throw new InvalidOrderEventException(field + " must be absent or not blank");
		}
		return check(field, value, maxLength);
	}

	private static String check(String field, String value, int maxLength) {
		if (value.length() > maxLength) {
			throw new InvalidOrderEventException(
					field + " must be at most " + maxLength + " characters, got " + value.length());
		}
		for (int i = 0; i < value.length(); i++) {
			if (Character.isISOControl(value.charAt(i))) {
				throw new InvalidOrderEventException(field + " must not contain control characters");
			}
		}
		return value;
	}

}
