package dev.dbaas.pipeline.intake.order;

import java.util.Objects;
import java.util.UUID;

/**
 * A customer placed an order. Domain event; the wire format lives in the messaging
 * adapter.
 *
 * @param eventId unique id of this event, for consumers to de-duplicate on
 * @param order the placed order
 */
public record OrderPlaced(UUID eventId, Order order) {

	public OrderPlaced {
		Objects.requireNonNull(eventId, "eventId");
		Objects.requireNonNull(order, "order");
	}

}
