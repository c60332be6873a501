package dev.dbaas.pipeline.intake.order;

import org.jspecify.annotations.Nullable;

/**
 * The name of the company an invoice is addressed to: one line of 1 to 200 characters,
 * not blank, without control characters.
 *
 * @param value the text as sent
 */
public record CompanyName(String value) {

	/** Most characters allowed. */
	public static final int MAX_LENGTH = 200;

	/**
	 * Creates a value that is known to be valid.
	 * @param value the text
	 * @throws InvalidOrderValue if it does not parse; use {@link #parse} for user input
	 */
	public CompanyName {
		UserInput.refuse(CompanyName.class, problem(value));
	}

	/**
	 * Parses user input.
	 * @param input the text as sent
	 * @return the value, or why it is rejected; text with line breaks or tabs is rejected
	 * with a one-line spelling as the suggestion
	 */
	public static Parsed<CompanyName> parse(String input) {
		String problem = problem(input);
		if (problem == null) {
			return new Parsed.Valid<>(new CompanyName(input));
		}
		return new Parsed.Invalid<>(problem,
				UserInput.suggestion(input, (candidate) -> problem(candidate) == null, UserInput.oneLine(input)));
	}

	private static @Nullable String problem(String value) {
		return UserInput.lineProblem("companyName", value, MAX_LENGTH);
	}

	@Override
	public String toString() {
		return this.value;
	}

}
