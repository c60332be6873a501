package dev.dbaas.pipeline.status.order;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The distinct transitions of one order, oldest first: one per status and step (a
 * PROCESSING that reports a new step is a transition of its own). When several events
 * report the same status and step, the chronologically first is kept.
 *
 * <p>
 * {@link #mergedWith(OrderHistory)} is a join, like {@link OrderView#mergedWith}.
 *
 * @param orderId the order
 * @param transitions the transitions in {@link Transition#CHRONOLOGICAL} order, one per
 * {@link Transition#key() key}
 */
public record OrderHistory(OrderId orderId, List<Transition> transitions) {

	public OrderHistory {
		if (orderId == null || transitions == null) {
			throw new IllegalArgumentException("a history needs an order id and transitions");
		}
		List<Transition> sorted = new ArrayList<>(transitions);
		sorted.sort(Transition.CHRONOLOGICAL);
		if (sorted.stream().map(Transition::key).distinct().count() != sorted.size()) {
			throw new IllegalArgumentException("a history holds one transition per status and step");
		}
		transitions = List.copyOf(sorted);
	}

	/**
	 * The history that one event alone gives.
	 * @param event the event
	 * @return a history of one transition
	 */
	public static OrderHistory of(OrderEvent event) {
		Transition transition = (event instanceof OrderEvent.Placed placed) ? placed.placement().transition()
				: ((OrderEvent.StatusChanged) event).transition();
		return new OrderHistory(event.orderId(), List.of(transition));
	}

	/**
	 * Joins two histories of the same order.
	 * @param other another history of the same order
	 * @return the union, keeping the chronologically first transition per key
	 */
	public OrderHistory mergedWith(OrderHistory other) {
		if (!this.orderId.equals(other.orderId)) {
			throw new IllegalArgumentException("cannot merge order " + this.orderId + " with " + other.orderId);
		}
		Map<Transition.Key, Transition> byKey = new LinkedHashMap<>();
		for (Transition transition : this.transitions) {
			byKey.put(transition.key(), transition);
		}
		for (Transition transition : other.transitions) {
			byKey.merge(transition.key(), transition, (a, b) -> (Transition.CHRONOLOGICAL.compare(a, b) <= 0) ? a : b);
		}
		return new OrderHistory(this.orderId, new ArrayList<>(byKey.values()));
	}

}
