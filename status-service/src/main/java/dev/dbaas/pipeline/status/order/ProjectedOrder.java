package dev.dbaas.pipeline.status.order;

import java.util.Map;
import java.util.TreeMap;

/**
 * Everything the view holds about one order: its current state and its history.
 *
 * @param view the current state
 * @param history the distinct transitions
 */
public record ProjectedOrder(OrderView view, OrderHistory history) {

	public ProjectedOrder {
		if (view == null || history == null || !view.orderId().equals(history.orderId())) {
			throw new IllegalArgumentException("view and history must be of the same order");
		}
	}

	/**
	 * What one event alone tells.
	 * @param event the event
	 * @return the projection of that event
	 */
	public static ProjectedOrder of(OrderEvent event) {
		return new ProjectedOrder(OrderView.of(event), OrderHistory.of(event));
	}

	/**
	 * Joins two projections of the same order.
	 * @param other another projection of the same order
	 * @return the join
	 */
	public ProjectedOrder mergedWith(ProjectedOrder other) {
		return new ProjectedOrder(this.view.mergedWith(other.view), this.history.mergedWith(other.history));
	}

	/**
	 * Projects events, in any order and with any duplicates, into one projection per
	 * order. The pure form of what the database does batch by batch.
	 * @param events the events
	 * @return the projections by order id, sorted by id
	 */
	public static Map<OrderId, ProjectedOrder> fold(Iterable<? extends OrderEvent> events) {
		Map<OrderId, ProjectedOrder> projections = new TreeMap<>();
		for (OrderEvent event : events) {
			projections.merge(event.orderId(), of(event), ProjectedOrder::mergedWith);
		}
		return projections;
	}

}
