package dev.dbaas.pipeline.intake.order;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The portal's id of the customer an order is for: 1 to 64 characters, letters, digits,
 * {@code .}, {@code _} and {@code -}, starting with a letter or digit.
 *
 * @param value the id
 */
public record CustomerId(String value) {

	private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

	/**
	 * Creates an id that is known to be valid.
	 * @param value the id
	 * @throws InvalidOrderValue if it does not parse; use {@link #parse} for user input
	 */
	public CustomerId {
		UserInput.refuse(CustomerId.class, problem(value));
	}

	/**
	 * Parses user input.
	 * @param input the id as sent
	 * @return the id, or why it is rejected, with the id without surrounding spaces as
	 * the suggestion where that is valid
	 */
	public static Parsed<CustomerId> parse(String input) {
		String problem = problem(input);
		if (problem == null) {
			return new Parsed.Valid<>(new CustomerId(input));
		}
		return new Parsed.Invalid<>(problem,
				UserInput.suggestion(input, (candidate) -> problem(candidate) == null, input.strip()));
	}

	private static @Nullable String problem(String value) {
		if (FORMAT.matcher(value).matches()) {
			return null;
		}
		return "customerId must be 1 to 64 characters: letters, digits, "
				+ "'.', '_' or '-', starting with a letter or digit";
	}

	@Override
	public String toString() {
		return this.value;
	}

}
