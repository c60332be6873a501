package dev.dbaas.pipeline.intake.order;

import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A country as its ISO 3166-1 alpha-2 code in upper case, e.g. {@code DE}, as the Java
 * runtime knows them.
 *
 * @param value the code
 */
public record CountryCode(String value) {

	private static final Set<String> CODES = Set.of(Locale.getISOCountries());

	/**
	 * Creates a country code that is known to be valid.
	 * @param value the code
	 * @throws InvalidOrderValue if it does not parse; use {@link #parse} for user input
	 */
	public CountryCode {
		UserInput.refuse(CountryCode.class, problem(value));
	}

	/**
	 * Parses user input.
	 * @param input the code as sent
	 * @return the code, or why it is rejected; a code in lower case is rejected with its
	 * upper-case spelling as the suggestion
	 */
	public static Parsed<CountryCode> parse(String input) {
		String problem = problem(input);
		if (problem == null) {
			return new Parsed.Valid<>(new CountryCode(input));
		}
		return new Parsed.Invalid<>(problem, UserInput.suggestion(input, CODES::contains,
				input.toUpperCase(Locale.ROOT), input.strip().toUpperCase(Locale.ROOT)));
	}

	private static @Nullable String problem(String value) {
		if (CODES.contains(value)) {
			return null;
		}
		String upper = value.toUpperCase(Locale.ROOT);
		String hint = CODES.contains(upper) ? "write it in upper case: " + upper
				: "send an ISO 3166-1 alpha-2 code, e.g. DE";
		return "'" + UserInput.echo(value) + "' is not a country code; " + hint;
	}

	@Override
	public String toString() {
		return this.value;
	}

}
