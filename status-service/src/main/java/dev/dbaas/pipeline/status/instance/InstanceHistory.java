package dev.dbaas.pipeline.status.instance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import dev.dbaas.pipeline.status.order.OrderHistory;
import dev.dbaas.pipeline.status.order.OrderId;
import dev.dbaas.pipeline.status.order.OrderView;
import dev.dbaas.pipeline.status.order.Transition;

/**
 * What happened to an instance, oldest first: its orders (who asked for what, and how
 * each went), and one timeline of their transitions and every reveal of its credentials.
 *
 * @param orders the instance's orders with their transitions, oldest first
 * @param entries the timeline, oldest first
 */
public record InstanceHistory(List<OrderRecord> orders, List<Entry> entries) {

	private static final Comparator<Entry> OLDEST_FIRST = Comparator.comparing(Entry::at)
		.thenComparing((entry) -> (entry instanceof Revealed) ? 1 : 0);

	public InstanceHistory {
		orders = List.copyOf(orders);
		entries = List.copyOf(entries);
	}

	/**
	 * Merges the orders' histories and the reveals into one timeline.
	 * @param instance the instance, with its orders oldest first
	 * @param histories the histories of the instance's orders
	 * @param reveals the reveals
	 * @return the history, oldest first; an order's own transitions keep their order
	 */
	public static InstanceHistory of(InstanceView instance, Map<OrderId, OrderHistory> histories,
			List<CredentialReveal> reveals) {
		List<OrderRecord> orders = new ArrayList<>();
		List<Entry> entries = new ArrayList<>();
		for (OrderView order : instance.orders()) {
			OrderHistory history = histories.get(order.orderId());
			List<Transition> transitions = (history != null) ? history.transitions() : List.of();
			orders.add(new OrderRecord(order, transitions));
			transitions.forEach((transition) -> entries.add(new OrderTransition(order, transition)));
		}
		reveals.forEach((reveal) -> entries.add(new Revealed(reveal)));
		entries.sort(OLDEST_FIRST);
		return new InstanceHistory(orders, entries);
	}

	/**
	 * One order of the instance.
	 *
	 * @param order the order as it stands (type, requester, changes, status)
	 * @param transitions its distinct transitions, oldest first
	 */
	public record OrderRecord(OrderView order, List<Transition> transitions) {

		public OrderRecord {
			transitions = List.copyOf(transitions);
		}

	}

	/** One entry of the timeline. */
	public sealed interface Entry permits OrderTransition, Revealed {

		Instant at();

	}

	/**
	 * A transition of one of the instance's orders.
	 *
	 * @param order the order
	 * @param transition the transition
	 */
	public record OrderTransition(OrderView order, Transition transition) implements Entry {

		public OrderId orderId() {
			return this.order.orderId();
		}

		@Override
		public Instant at() {
			return this.transition.at();
		}

	}

	/**
	 * A reveal of the credentials.
	 *
	 * @param reveal who and when
	 */
	public record Revealed(CredentialReveal reveal) implements Entry {

		@Override
		public Instant at() {
			return this.reveal.at();
		}

	}

}
