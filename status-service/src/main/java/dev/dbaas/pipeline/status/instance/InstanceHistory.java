package dev.dbaas.pipeline.status.instance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import dev.dbaas.pipeline.status.order.OrderHistory;
import dev.dbaas.pipeline.status.order.OrderId;
import dev.dbaas.pipeline.status.order.Transition;

/**
 * What happened to an instance, oldest first: the transitions of its orders and every
 * reveal of its credentials.
 *
 * @param entries the entries, oldest first
 */
public record InstanceHistory(List<Entry> entries) {

	private static final Comparator<Entry> OLDEST_FIRST = Comparator.comparing(Entry::at)
		.thenComparing((entry) -> (entry instanceof Revealed) ? 1 : 0);

	public InstanceHistory {
		entries = List.copyOf(entries);
	}

	/**
	 * Merges the orders' histories and the reveals into one timeline.
	 * @param orders the histories of the instance's orders
	 * @param reveals the reveals
	 * @return the history, oldest first; an order's own transitions keep their order
	 */
	public static InstanceHistory of(Map<OrderId, OrderHistory> orders, List<CredentialReveal> reveals) {
		List<Entry> entries = new ArrayList<>();
		orders.values()
			.forEach((history) -> history.transitions()
				.forEach((transition) -> entries.add(new OrderTransition(history.orderId(), transition))));
		reveals.forEach((reveal) -> entries.add(new Revealed(reveal)));
		entries.sort(OLDEST_FIRST);
		return new InstanceHistory(entries);
	}

	/** One entry of the timeline. */
	public sealed interface Entry permits OrderTransition, Revealed {

		Instant at();

	}

	/**
	 * A transition of one of the instance's orders.
	 *
	 * @param orderId the order
	 * @param transition the transition
	 */
	public record OrderTransition(OrderId orderId, Transition transition) implements Entry {

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
