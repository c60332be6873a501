package dev.dbaas.pipeline.intake.order;

import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * An e-mail address that invoices go to: at most 254 characters, a local part of at most
 * 64 characters without quotes or comments, and a domain of dot-separated labels ending
 * in a top-level domain of letters. Stricter than RFC 5322 on purpose: what passes here
 * is accepted by every mail system the invoices go through.
 *
 * @param value the address as sent
 */
public record EmailAddress(String value) {

	private static final Pattern FORMAT = Pattern
		.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
				+ "@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}");

	/**
	 * Creates an address that is known to be valid.
	 * @param value the address
	 * @throws InvalidOrderValue if it does not parse; use {@link #parse} for user input
	 */
	public EmailAddress {
		UserInput.refuse(EmailAddress.class, problem(value));
	}

	/**
	 * Parses user input.
	 * @param input the address as sent
	 * @return the address, or why it is rejected, with a corrected spelling where one is
	 * obvious (surrounding spaces, a comma for a dot)
	 */
	public static Parsed<EmailAddress> parse(String input) {
		String problem = problem(input);
		if (problem == null) {
			return new Parsed.Valid<>(new EmailAddress(input));
		}
		return new Parsed.Invalid<>(problem, UserInput.suggestion(input, (candidate) -> problem(candidate) == null,
				input.strip(), input.strip().replace(',', '.'), input.strip().toLowerCase(Locale.ROOT)));
	}

	private static @Nullable String problem(String value) {
		if (value.length() > 254 || value.indexOf('@') > 64 || !FORMAT.matcher(value).matches()) {
			return "'" + UserInput.echo(value) + "' is not a valid e-mail address; write it as name@example.com";
		}
		return null;
	}

	@Override
	public String toString() {
		return this.value;
	}

}
