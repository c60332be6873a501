package dev.dbaas.pipeline.status.order;

import java.time.Instant;
import java.util.Comparator;

/**
 * The placement of an order: who placed it, when, and what they ordered.
 *
 * <p>
 * Should an order be placed twice (two {@code OrderPlaced} with different event ids), the
 * earliest placement wins, ties broken by event id, so the outcome does not depend on
 * arrival order.
 *
 * @param eventId the {@code OrderPlaced} event
 * @param placedAt when the order was placed
 * @param customerId who placed it
 * @param details the instance's complete desired settings after the order
 * @param terms the order's type, instance version, requester, deletion protection and
 * changes
 */
public record Placement(EventId eventId, Instant placedAt, String customerId, OrderDetails details, OrderTerms terms) {

	static final Comparator<Placement> PRECEDENCE = Comparator.comparing(Placement::placedAt)
		.thenComparing(Placement::eventId);

	public Placement {
		if (eventId == null || placedAt == null || details == null || terms == null) {
			throw new InvalidOrderEventException("a placement needs an event id, a time, details and terms");
		}
		Text.require("customerId", customerId, 100);
	}

	/**
	 * The placement of a create written before change orders existed.
	 * @param eventId the {@code OrderPlaced} event
	 * @param placedAt when the order was placed
	 * @param customerId who placed it
	 * @param details what was ordered
	 */
	public Placement(EventId eventId, Instant placedAt, String customerId, OrderDetails details) {
		this(eventId, placedAt, customerId, details, OrderTerms.LEGACY_CREATE);
	}

	/**
	 * The NEW transition that a placement stands for.
	 * @return the transition, with {@link Transition#PLACEMENT_SEQUENCE}
	 */
	public Transition transition() {
		return new Transition(OrderStatus.NEW, null, Transition.PLACEMENT_SEQUENCE, this.eventId, this.placedAt, null);
	}

	static Placement earliest(Placement a, Placement b) {
		return (PRECEDENCE.compare(a, b) <= 0) ? a : b;
	}

}
