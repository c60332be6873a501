package dev.dbaas.pipeline.intake.order;

import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A VAT identification number: a two-letter upper-case country prefix followed by 2 to 13
 * letters or digits, without spaces, e.g. {@code DE123456789}. Only the shape is checked,
 * not the number's check digits.
 *
 * @param value the id as sent
 */
public record VatId(String value) {

	private static final Pattern FORMAT = Pattern.compile("[A-Z]{2}[A-Za-z0-9]{2,13}");

	private static final Pattern SEPARATORS = Pattern.compile("[\\s.-]");

	/**
	 * Creates a VAT id that is known to be valid.
	 * @param value the id
	 * @throws InvalidOrderValue if it does not parse; use {@link #parse} for user input
	 */
	public VatId {
		UserInput.refuse(VatId.class, problem(value));
	}

	/**
	 * Parses user input.
	 * @param input the id as sent
	 * @return the id, or why it is rejected, with the id without spaces, dots or dashes
	 * and in upper case as the suggestion where that is valid
	 */
	public static Parsed<VatId> parse(String input) {
		String problem = problem(input);
		if (problem == null) {
			return new Parsed.Valid<>(new VatId(input));
		}
		String compact = SEPARATORS.matcher(input).replaceAll("");
		return new Parsed.Invalid<>(problem, UserInput.suggestion(input, (candidate) -> problem(candidate) == null,
				compact, compact.toUpperCase(Locale.ROOT)));
	}

	private static @Nullable String problem(String value) {
		if (!FORMAT.matcher(value).matches()) {
			return "'" + UserInput.echo(value)
					+ "' is not a VAT id; write the country prefix and number without spaces, e.g. DE123456789,"
					+ " or leave vatId out";
		}
		return null;
	}

	@Override
	public String toString() {
		return this.value;
	}

}
