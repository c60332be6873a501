package dev.dbaas.pipeline.tail;

import java.util.Set;

import dev.dbaas.pipeline.events.OrderStatus;
import dev.dbaas.pipeline.events.OrderStatusChanged;
import dev.dbaas.pipeline.events.OrderType;
import org.jspecify.annotations.Nullable;

/**
 * Which events the tail prints. Every given criterion must hold; several statuses, or
 * several order types, are alternatives. Immutable.
 *
 * @param statuses statuses to print; empty for all
 * @param types order types to print; empty for all. An event without {@code orderType}
 * (written before change orders existed) is a {@code CREATE}
 * @param customerId only events of this customer, or {@code null} for all
 * @param orderId only events of this order, or {@code null} for all
 */
public record EventFilter(Set<OrderStatus> statuses, Set<OrderType> types, @Nullable String customerId,
		@Nullable String orderId) {

	public EventFilter {
		statuses = Set.copyOf(statuses);
		types = Set.copyOf(types);
	}

	/**
	 * A filter without a criterion on the order type.
	 * @param statuses statuses to print; empty for all
	 * @param customerId only events of this customer, or {@code null} for all
	 * @param orderId only events of this order, or {@code null} for all
	 */
	public EventFilter(Set<OrderStatus> statuses, @Nullable String customerId, @Nullable String orderId) {
		this(statuses, Set.of(), customerId, orderId);
	}

	/**
	 * A filter that lets every event through.
	 * @return the filter
	 */
	public static EventFilter everything() {
		return new EventFilter(Set.of(), Set.of(), null, null);
	}

	/**
	 * The order type of an event, {@code CREATE} for an event written before change
	 * orders existed.
	 * @param event a decoded event
	 * @return its order type, never {@code null}
	 */
	public static OrderType orderTypeOf(OrderStatusChanged event) {
		return (event.getOrderType() != null) ? event.getOrderType() : OrderType.CREATE;
	}

	/**
	 * Whether an event is to be printed.
	 * @param event a decoded event
	 * @return {@code true} if it meets every criterion
	 */
	public boolean matches(OrderStatusChanged event) {
		return (this.statuses.isEmpty() || this.statuses.contains(event.getStatus()))
				&& (this.types.isEmpty() || this.types.contains(orderTypeOf(event)))
				&& (this.customerId == null || this.customerId.equals(event.getCustomerId()))
				&& (this.orderId == null || this.orderId.equals(event.getOrderId()));
	}

	/**
	 * Whether a record that does not decode is to be printed. Nothing but its key (the
	 * order id) is known, so only {@code --order} can exclude it: ops want to see poison
	 * records whatever else they filter on.
	 * @param key the record's key, or {@code null}
	 * @return {@code true} unless the record belongs to another order than the one asked
	 * for
	 */
	public boolean admitsUndecodable(@Nullable String key) {
		return this.orderId == null || this.orderId.equals(key);
	}

}
