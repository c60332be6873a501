package dev.dbaas.pipeline.intake.order.application;

import java.time.Instant;
import java.util.List;

import dev.dbaas.pipeline.intake.admission.Overload;
import dev.dbaas.pipeline.intake.order.InstanceId;
import dev.dbaas.pipeline.intake.order.OrderId;
import dev.dbaas.pipeline.intake.order.Violation;

/**
 * What placing an order came to: accepted, or why not, in the order the checks run (key,
 * body, customer, structure, catalog rules, admission, idempotency).
 */
public sealed interface Placement {

	/**
	 * The order is stored and its event is in the outbox (committed).
	 *
	 * @param orderId the order's id
	 * @param instanceId the instance the order creates
	 * @param placedAt when it was accepted
	 * @param replayed {@code true} if this answers a retry of an earlier request
	 */
	record Accepted(OrderId orderId, InstanceId instanceId, Instant placedAt, boolean replayed) implements Placement {
	}

	/**
	 * The order breaks catalog rules.
	 *
	 * @param violations every violation
	 */
	record Rejected(List<Violation> violations) implements Placement {
	}

	/**
	 * The idempotency key was used before for a different order.
	 */
	record KeyReusedForDifferentOrder() implements Placement {
	}

	/**
	 * A request with the same idempotency key is still being processed.
	 */
	record KeyInUse() implements Placement {
	}

	/**
	 * The submission carries no idempotency key; nothing else was looked at.
	 */
	record MissingIdempotencyKey() implements Placement {
	}

	/**
	 * The submission's idempotency key is not 1 to 255 visible ASCII characters.
	 */
	record InvalidIdempotencyKey() implements Placement {
	}

	/**
	 * The body could not be read at all.
	 *
	 * @param reason why, for the client
	 */
	record UnreadableBody(String reason) implements Placement {
	}

	/**
	 * The caller may not place orders for the customer the order names.
	 */
	record ForeignCustomer() implements Placement {
	}

	/**
	 * The body has fields of the wrong type or that do not belong to an order.
	 *
	 * @param problems the structural problems first, then the rule violations of fields
	 * that were readable
	 */
	record MalformedBody(List<Violation> problems) implements Placement {

		public MalformedBody {
			problems = List.copyOf(problems);
		}

	}

	/**
	 * The order is valid, but the intake cannot take it now (decision 0046); nothing was
	 * stored.
	 *
	 * @param overload which bound was reached, and when to retry
	 */
	record Overloaded(Overload overload) implements Placement {
	}

}
