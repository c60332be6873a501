package dev.dbaas.pipeline.status.order;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The view converges: whatever the delivery order, duplication, replay or batching, the
 * events of a history merge into the state the in-order history gives.
 */
class OrderConvergenceProperties {

	@Property(tries = 500)
	void shuffledDuplicatedAndReplayedDeliveryConvergesToTheInOrderState(@ForAll("histories") List<OrderEvent> history,
			@ForAll long seed) {
		Map<OrderId, ProjectedOrder> inOrder = ProjectedOrder.fold(history);

		List<OrderEvent> delivered = messUp(history, new Random(seed));

		assertThat(ProjectedOrder.fold(delivered)).isEqualTo(inOrder);
	}

	@Property(tries = 300)
	void batchingDoesNotMatterBecauseBatchesMergeLikeEvents(@ForAll("histories") List<OrderEvent> history,
			@ForAll long seed) {
		Random random = new Random(seed);
		List<OrderEvent> delivered = messUp(history, random);
		Map<OrderId, ProjectedOrder> state = new java.util.TreeMap<>();
		int from = 0;
		while (from < delivered.size()) {
			int to = Math.min(delivered.size(), from + 1 + random.nextInt(5));
			ProjectedOrder.fold(delivered.subList(from, to))
				.forEach((id, batch) -> state.merge(id, batch, ProjectedOrder::mergedWith));
			from = to;
		}

		assertThat(state).isEqualTo(ProjectedOrder.fold(history));
	}

	@Property(tries = 300)
	void statusNeverMovesBackWhateverTheDeliveryOrder(@ForAll("histories") List<OrderEvent> history,
			@ForAll long seed) {
		List<OrderEvent> delivered = messUp(history, new Random(seed));
		Map<OrderId, OrderView> views = new java.util.HashMap<>();
		for (OrderEvent event : delivered) {
			OrderView before = views.get(event.orderId());
			OrderView after = (before != null) ? before.apply(event) : OrderView.of(event);
			if (before != null) {
				assertThat(after.status().rank()).isGreaterThanOrEqualTo(before.status().rank());
				if (before.status().isTerminal()) {
					assertThat(after.status()).isEqualTo(before.status());
				}
				assertThat(after.lastSequence()).isGreaterThanOrEqualTo(before.lastSequence());
			}
			views.put(event.orderId(), after);
		}
	}

	@Property(tries = 300)
	void mergeIsCommutativeAssociativeAndIdempotent(@ForAll("histories") List<OrderEvent> history, @ForAll long seed) {
		List<OrderEvent> ofFirstOrder = history.stream()
			.filter((event) -> event.orderId().equals(history.get(0).orderId()))
			.toList();
		Random random = new Random(seed);
		ProjectedOrder a = ProjectedOrder.of(ofFirstOrder.get(random.nextInt(ofFirstOrder.size())));
		ProjectedOrder b = ProjectedOrder.of(ofFirstOrder.get(random.nextInt(ofFirstOrder.size())));
		ProjectedOrder c = ProjectedOrder.of(ofFirstOrder.get(random.nextInt(ofFirstOrder.size())));

		assertThat(a.mergedWith(b)).isEqualTo(b.mergedWith(a));
		assertThat(a.mergedWith(b).mergedWith(c)).isEqualTo(a.mergedWith(b.mergedWith(c)));
		assertThat(a.mergedWith(a)).isEqualTo(a);
	}

	@Provide
	Arbitrary<List<OrderEvent>> histories() {
		return OrderHistories.histories().filter((history) -> !history.isEmpty());
	}

	/**
	 * Delivers a history as Kafka might: shuffled, some events twice, sometimes the whole
	 * history replayed.
	 */
	static List<OrderEvent> messUp(List<OrderEvent> history, Random random) {
		List<OrderEvent> delivered = new ArrayList<>(history);
		for (OrderEvent event : history) {
			if (random.nextInt(3) == 0) {
				delivered.add(event);
			}
		}
		if (random.nextBoolean()) {
			delivered.addAll(history);
		}
		Collections.shuffle(delivered, random);
		return delivered;
	}

	static Arbitrary<Long> seeds() {
		return Arbitraries.longs();
	}

}
