package dev.dbaas.pipeline.intake.order;

import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * The checks and echoes that every free-text value of an order shares.
 */
final class UserInput {

	private static final Pattern CONTROL_CHARACTERS = Pattern.compile("[\\x00-\\x1F\\x7F-\\x9F]+");

	private UserInput() {
	}

	/**
	 * Echoes user input in messages, but never more than a screenful of it, and with
	 * control characters escaped.
	 * @param value the input
	 * @return at most 40 code points, with an ellipsis if clipped
	 */
	static String echo(String value) {
		String printable = value.codePoints()
			.limit(40)
			.mapToObj((codePoint) -> Character.isISOControl(codePoint) ? String.format("\\u%04X", codePoint)
					: Character.toString(codePoint))
			.collect(Collectors.joining());
		return (value.codePointCount(0, value.length()) > 40) ? printable + "…" : printable;
	}

	/**
	 * Checks one line of free text such as a company name.
	 * @param field the field's name in the request, e.g. {@code companyName}
	 * @param value the text
	 * @param maxLength most characters allowed
	 * @return what is wrong and how to fix it, or {@code null} if the text is fine
	 */
	static @Nullable String lineProblem(String field, String value, int maxLength) {
		if (value.isBlank()) {
			return field + " is blank; fill it in";
		}
		if (value.length() > maxLength) {
			return field + " has " + value.length() + " characters; at most " + maxLength + " are allowed";
		}
		if (value.chars().anyMatch(Character::isISOControl)) {
			return field + " contains control characters such as line breaks; remove them";
		}
		return null;
	}

	/**
	 * Turns text with line breaks, tabs or other control characters into one line.
	 * @param value the text
	 * @return the text with every run of control characters replaced by one space,
	 * stripped
	 */
	static String oneLine(String value) {
		return CONTROL_CHARACTERS.matcher(value).replaceAll(" ").strip();
	}

	/**
	 * Finds a "did you mean" for rejected input.
	 * @param input the rejected input
	 * @param valid whether a spelling is valid
	 * @param candidates corrected spellings, most likely first
	 * @return the first candidate that differs from the input and is valid, or
	 * {@code null}
	 */
	static @Nullable String suggestion(String input, Predicate<String> valid, String... candidates) {
		for (String candidate : candidates) {
			if (!candidate.equals(input) && valid.test(candidate)) {
				return candidate;
			}
		}
		return null;
	}

	/**
	 * Refuses a value whose problem is known, for the constructors of value types.
	 * @param type the value type
	 * @param problem the problem, or {@code null} if there is none
	 * @throws InvalidOrderValue if there is a problem
	 */
	static void refuse(Class<?> type, @Nullable String problem) {
		if (problem != null) {
			throw new InvalidOrderValue(type, problem);
		}
	}

}
