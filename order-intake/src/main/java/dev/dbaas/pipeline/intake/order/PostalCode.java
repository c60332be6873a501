package dev.dbaas.pipeline.intake.order;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The postal code of an invoice address: 2 to 10 ASCII letters, digits, spaces or dashes,
 * starting with a letter or digit. Loose enough for every country's format.
 *
 * @param value the code as sent
 */
public record PostalCode(String value) {

	private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 -]{1,9}");

	/**
	 * Creates a postal code that is known to be valid.
	 * @param value the code
	 * @throws InvalidOrderValue if it does not parse; use {@link #parse} for user input
	 */
	public PostalCode {
		UserInput.refuse(PostalCode.class, problem(value));
	}

	/**
	 * Parses user input.
	 * @param input the code as sent
	 * @return the code, or why it is rejected, with the code without surrounding spaces
	 * as the suggestion where that is valid
	 */
	public static Parsed<PostalCode> parse(String input) {
		String problem = problem(input);
		if (problem == null) {
			return new Parsed.Valid<>(new PostalCode(input));
		}
		return new Parsed.Invalid<>(problem,
				UserInput.suggestion(input, (candidate) -> problem(candidate) == null, input.strip()));
	}

	private static @Nullable String problem(String value) {
		if (!FORMAT.matcher(value).matches()) {
			return "postalCode must be 2 to 10 letters, digits, spaces or dashes, e.g. 50667";
		}
		return null;
	}

	@Override
	public String toString() {
		return this.value;
	}

}
