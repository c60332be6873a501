package dev.dbaas.pipeline.intake.instance.application;

import java.util.List;

import dev.dbaas.pipeline.intake.admission.Overload;
import dev.dbaas.pipeline.intake.instance.InstanceState;
import dev.dbaas.pipeline.intake.instance.PendingOrder;
import dev.dbaas.pipeline.intake.order.InstanceId;
import dev.dbaas.pipeline.intake.order.OrderId;
import dev.dbaas.pipeline.intake.order.OrderType;
import dev.dbaas.pipeline.intake.order.Violation;

/**
 * What placing a change order came to: accepted, or why not, in the order the checks run
 * (key, body, customer, structure, admission, idempotency, instance, state, precondition,
 * pending order, deletion protection, rules).
 */
public sealed interface ChangePlacement {

	/**
	 * The order is stored, its instance changed and its event in the outbox (committed).
	 *
	 * @param orderId the order's id
	 * @param instanceId its instance
	 * @param type what it does
	 * @param instanceVersion the instance's version after it (its new ETag)
	 * @param replayed {@code true} if this answers a retry of an earlier request
	 */
	record Accepted(OrderId orderId, InstanceId instanceId, OrderType type, long instanceVersion,
			boolean replayed) implements ChangePlacement {
	}

	/** No idempotency key; nothing else was looked at. */
	record MissingIdempotencyKey() implements ChangePlacement {
	}

	/** The idempotency key is not 1 to 255 visible ASCII characters. */
	record InvalidIdempotencyKey() implements ChangePlacement {
	}

	/**
	 * The body could not be read at all.
	 *
	 * @param reason why, for the client
	 */
	record UnreadableBody(String reason) implements ChangePlacement {
	}

	/** A customer token names another customer in {@code customerId}. */
	record ForeignCustomer() implements ChangePlacement {
	}

	/**
	 * The body's structure is wrong.
	 *
	 * @param problems every structural problem
	 */
	record MalformedBody(List<Violation> problems) implements ChangePlacement {

		public MalformedBody {
			problems = List.copyOf(problems);
		}

	}

	/**
	 * The order breaks rules.
	 *
	 * @param violations every violation, each with its pointer and code
	 */
	record Rejected(List<Violation> violations) implements ChangePlacement {

		public Rejected {
			violations = List.copyOf(violations);
		}

	}

	/** The idempotency key was used before for a different order. */
	record KeyReusedForDifferentOrder() implements ChangePlacement {
	}

	/** A request with the same idempotency key is still being processed. */
	record KeyInUse() implements ChangePlacement {
	}

	/** No such instance, or another customer's: the same answer. */
	record InstanceNotFound() implements ChangePlacement {
	}

	/**
	 * The instance is FAILED or DELETED.
	 *
	 * @param state its state
	 */
	record NotChangeable(InstanceState state) implements ChangePlacement {
	}

	/**
	 * {@code If-Match} is not the instance's current version.
	 *
	 * @param currentVersion its version
	 */
	record PreconditionFailed(long currentVersion) implements ChangePlacement {
	}

	/**
	 * Another order of the instance is not terminal.
	 *
	 * @param blocking that order
	 */
	record Busy(PendingOrder blocking) implements ChangePlacement {
	}

	/** A DELETE while deletion protection is on. */
	record DeletionProtected() implements ChangePlacement {
	}

	/**
	 * The intake cannot take the order now (decision 0046); nothing was stored.
	 *
	 * @param overload which bound was reached, and when to retry
	 */
	record Overloaded(Overload overload) implements ChangePlacement {
	}

}
