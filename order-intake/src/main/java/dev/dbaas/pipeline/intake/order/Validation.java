package dev.dbaas.pipeline.intake.order;

import java.util.List;

/**
 * The outcome of checking an {@link OrderDraft}: a valid {@link OrderSpec} or every
 * violation found.
 */
public sealed interface Validation {

	/**
	 * Every rule passed.
	 *
	 * @param spec the validated order content
	 */
	record Valid(OrderSpec spec) implements Validation {
	}

	/**
	 * At least one rule broke.
	 *
	 * @param violations every violation, in the order of the request's fields; never
	 * empty
	 */
	record Invalid(List<Violation> violations) implements Validation {

		public Invalid {
			violations = List.copyOf(violations);
			if (violations.isEmpty()) {
				throw new IllegalArgumentException("an invalid order has at least one violation");
			}
		}

	}

}
