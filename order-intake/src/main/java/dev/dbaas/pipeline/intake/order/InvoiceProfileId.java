package dev.dbaas.pipeline.intake.order;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The portal's id of an invoice profile the customer already has: 1 to 64 characters,
 * letters, digits, {@code .}, {@code _} and {@code -}, starting with a letter or digit.
 *
 * @param value the id
 */
public record InvoiceProfileId(String value) {

	private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

	/** Why an id is rejected; the same for every malformed id. */
	static final String RULE = "existingId must be 1 to 64 characters: "
			+ "letters, digits, '.', '_' or '-', starting with a letter or digit";

	/**
	 * Creates an id that is known to be valid.
	 * @param value the id
	 * @throws InvalidOrderValue if it does not parse; use {@link #parse} for user input
	 */
	public InvoiceProfileId {
		UserInput.refuse(InvoiceProfileId.class, problem(value));
	}

	/**
	 * Parses user input.
	 * @param input the id as sent
	 * @return the id, or why it is rejected, with the id without surrounding spaces as
	 * the suggestion where that is valid
	 */
	public static Parsed<InvoiceProfileId> parse(String input) {
		String problem = problem(input);
		if (problem == null) {
			return new Parsed.Valid<>(new InvoiceProfileId(input));
		}
		return new Parsed.Invalid<>(problem,
				UserInput.suggestion(input, (candidate) -> problem(candidate) == null, input.strip()));
	}

	private static @Nullable String problem(String value) {
		return FORMAT.matcher(value).matches() ? null : RULE;
	}

	@Override
	public String toString() {
		return this.value;
	}

}
