package dev.dbaas.pipeline.intake.instance;

import java.util.List;

import dev.dbaas.pipeline.intake.order.Violation;

/**
 * Why an instance refuses a change order, in the order the checks run: its state, the
 * caller's precondition, a pending order, deletion protection, the rules.
 */
public sealed interface Refusal {

	/**
	 * The instance is FAILED or DELETED.
	 *
	 * @param state its state
	 */
	record NotChangeable(InstanceState state) implements Refusal {
	}

	/**
	 * {@code If-Match} names another version than the current one.
	 *
	 * @param currentVersion the instance's version
	 */
	record PreconditionFailed(long currentVersion) implements Refusal {
	}

	/**
	 * Another order of the instance is not terminal yet.
	 *
	 * @param blocking that order
	 */
	record Busy(PendingOrder blocking) implements Refusal {
	}

	/**
	 * A DELETE while deletion protection is on.
	 */
	record DeletionProtected() implements Refusal {
	}

	/**
	 * The order breaks rules.
	 *
	 * @param violations every violation, each with its pointer and code
	 */
	record Invalid(List<Violation> violations) implements Refusal {

		public Invalid {
			violations = List.copyOf(violations);
			if (violations.isEmpty()) {
				throw new IllegalArgumentException("an invalid order has at least one violation");
			}
		}

	}

}
