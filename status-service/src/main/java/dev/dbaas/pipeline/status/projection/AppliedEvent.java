package dev.dbaas.pipeline.status.projection;

import dev.dbaas.pipeline.status.order.EventId;
import dev.dbaas.pipeline.status.order.OrderEvent;
import dev.dbaas.pipeline.status.order.OrderId;
import org.jspecify.annotations.Nullable;

/**
 * What the view remembers of an applied event: the order it belongs to and its id. A
 * redelivered event has the same pair and is applied once.
 *
 * @param orderId the order
 * @param eventId the event
 */
public record AppliedEvent(OrderId orderId, EventId eventId) {

	/**
	 * The pair of an event.
	 * @param event the event
	 * @return its order and id
	 */
	public static AppliedEvent of(OrderEvent event) {
		return new AppliedEvent(event.orderId(), event.eventId());
	}

	// Plain field access instead of the record's generated methods, as in OrderId.
	@Override
	public boolean equals(@Nullable Object other) {
		return (this == other) || (other instanceof AppliedEvent applied && this.orderId.equals(applied.orderId)
				&& this.eventId.equals(applied.eventId));
	}

	@Override
	public int hashCode() {
		return 31 * this.orderId.hashCode() + this.eventId.hashCode();
	}

}
