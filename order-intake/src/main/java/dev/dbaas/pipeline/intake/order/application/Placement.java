package dev.dbaas.pipeline.intake.order.application;

import java.time.Instant;
import java.util.List;

import dev.dbaas.pipeline.intake.order.OrderId;
import dev.dbaas.pipeline.intake.order.Violation;

/**
 * What placing an order came to.
 */
public sealed interface Placement {

	/**
	 * The order is stored and its event is in the outbox (committed).
	 *
	 * @param orderId the order's id
	 * @param placedAt when it was accepted
	 * @param replayed {@code true} if this answers a retry of an earlier request
	 */
	record Accepted(OrderId orderId, Instant placedAt, boolean replayed) implements Placement {
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

}
