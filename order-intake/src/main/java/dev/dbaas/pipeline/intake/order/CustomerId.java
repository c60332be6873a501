package dev.dbaas.pipeline.intake.order;

import java.util.regex.Pattern;

/**
 * The portal's id of the customer an order is for: 1 to 64 characters, letters, digits,
 * {@code .}, {@code _} and {@code -}, starting with a letter or digit.
 *
 * @param value the id
 */
public record CustomerId(String value) {

	private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

	public CustomerId {
		if (!isValid(value)) {
			throw new IllegalArgumentException("not a customer id: " + value);
		}
	}

	public static boolean isValid(String value) {
		return FORMAT.matcher(value).matches();
	}

	@Override
	public String toString() {
		return this.value;
	}

}
