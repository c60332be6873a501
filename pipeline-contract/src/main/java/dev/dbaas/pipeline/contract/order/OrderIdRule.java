package dev.dbaas.pipeline.contract.order;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * What an order id on the wire is: a UUID in its canonical text form, 36 characters of
 * lower-case hex digits and dashes ({@code 8-4-4-4-12}), which is what order-intake
 * assigns ({@code UUID.randomUUID().toString()}). Any UUID version is accepted, so that
 * order-intake may move to time-ordered ids. The consumers check it before a record
 * reaches their domain and dead-letter a record whose id breaks it, with the reason.
 *
 * <p>
 * Plain Java, no framework: domain code may use it. Stateless and thread-safe.
 */
public final class OrderIdRule {

	/** The length of every order id. */
	public static final int LENGTH = 36;

	/** An id that follows the rule, for messages. */
	public static final String EXAMPLE = "d5058473-3eac-4340-93c6-68d455fcb47c";

	private OrderIdRule() {
	}

	/**
	 * Why an id breaks the rule. The reason never repeats the id itself (it may be long
	 * or hold anything), only where it goes wrong.
	 * @param id a candidate id
	 * @return the reason, or empty when the id follows the rule
	 */
	public static Optional<String> problemWith(@Nullable String id) {
		if (id == null) {
			return Optional.of("orderId is missing");
		}
		if (id.isEmpty()) {
			return Optional.of("orderId is empty");
		}
		if (id.length() != LENGTH) {
			return Optional.of("orderId has " + id.length() + " characters; an order id is a UUID of " + LENGTH
					+ " as order-intake assigns it, e.g. " + EXAMPLE);
		}
		for (int i = 0; i < LENGTH; i++) {
			char c = id.charAt(i);
			boolean dashPosition = i == 8 || i == 13 || i == 18 || i == 23;
			if (dashPosition) {
				if (c != '-') {
					return Optional.of("orderId has " + describe(c) + " at position " + (i + 1)
							+ " where a UUID has '-', e.g. " + EXAMPLE);
				}
			}
			else if (c >= 'A' && c <= 'F') {
				return Optional.of("orderId has the upper-case hex digit '" + c + "' at position " + (i + 1)
						+ "; order ids are lower-case, e.g. " + EXAMPLE);
			}
			else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
				return Optional.of("orderId has " + describe(c) + " at position " + (i + 1)
						+ " where a UUID has a hex digit (0-9, a-f), e.g. " + EXAMPLE);
			}
		}
		return Optional.empty();
	}

	/**
	 * Whether an id follows the rule.
	 * @param id a candidate id
	 * @return {@code true} if it does
	 */
	public static boolean isValid(@Nullable String id) {
		return problemWith(id).isEmpty();
	}

	/**
	 * The id, if it follows the rule.
	 * @param id a candidate id
	 * @return the id
	 * @throws InvalidOrderIdException with the reason, if it does not
	 */
	public static String requireValid(@Nullable String id) {
		Optional<String> problem = problemWith(id);
		if (problem.isPresent()) {
			throw new InvalidOrderIdException(problem.get());
		}
		return id;
	}

	private static String describe(char c) {
		if (Character.isISOControl(c) || Character.isWhitespace(c) || c > '~') {
			return String.format("the character U+%04X", (int) c);
		}
		return "'" + c + "'";
	}

	/**
	 * An order id that breaks the {@link OrderIdRule}.
	 */
	public static class InvalidOrderIdException extends IllegalArgumentException {

		InvalidOrderIdException(String reason) {
			super(reason);
		}

	}

}
