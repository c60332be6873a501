package dev.dbaas.pipeline.intake.order;

import org.jspecify.annotations.Nullable;

/**
 * The city of an invoice address: one line of 1 to 100 characters, not blank, without
 * control characters.
 *
 * @param value the text as sent
 */
public record City(String value) {

	/** Most characters allowed. */
	public static final int MAX_LENGTH = 100;

	/**
	 * Creates a value that is known to be valid.
	 * @param value the text
	 * @throws InvalidOrderValue if it does not parse; use {@link #parse} for user input
	 */
	public City {
		UserInput.refuse(City.class, problem(value));
	}

	/**
	 * Parses user input.
	 * @param input the text as sent
	 * @return the value, or why it is rejected; text with line breaks or tabs is rejected
	 * with a one-line spelling as the suggestion
	 */
	public static Parsed<City> parse(String input) {
		String problem = problem(input);
		if (problem == null) {
			return new Parsed.Valid<>(new City(input));
		}
		return new Parsed.Invalid<>(problem,
				UserInput.suggestion(input, (candidate) -> problem(candidate) == null, UserInput.oneLine(input)));
	}

	private static @Nullable String problem(String value) {
		return UserInput.lineProblem("city", value, MAX_LENGTH);
	}

	@Override
	public String toString() {
		return this.value;
	}

}
