package dev.dbaas.pipeline.status.projection;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import dev.dbaas.pipeline.status.order.EventId;
import dev.dbaas.pipeline.status.order.OrderEvent;
import dev.dbaas.pipeline.status.order.OrdersProjected;
import dev.dbaas.pipeline.status.order.ProjectedOrder;

/**
 * Applies a batch of events to the view in one transaction: remembers their ids, drops
 * those seen before, merges the rest, then announces the changed orders after the commit.
 *
 * <p>
 * Thread-safe; concurrent batches that touch the same order serialize on its row.
 */
@Service
public class OrderProjector {

	private final ProjectionStore store;

	private final TransactionTemplate transactions;

	private final ApplicationEventPublisher publisher;

	private final Clock clock;

	private final Timer batches;

	private final Counter applied;

	private final Counter duplicates;

	public OrderProjector(ProjectionStore store, TransactionTemplate transactions, ApplicationEventPublisher publisher,
			Clock clock, MeterRegistry registry) {
		this.store = store;
		this.transactions = transactions;
		this.publisher = publisher;
		this.clock = clock;
		this.batches = Timer.builder("status.projection.batch")
			.description("Duration of the transaction that applies one batch of events")
			.register(registry);
		this.applied = Counter.builder("status.projection.events")
			.description("Events by outcome: applied, or skipped as already applied")
			.tag("outcome", "applied")
			.register(registry);
		this.duplicates = Counter.builder("status.projection.events").tag("outcome", "duplicate").register(registry);
	}

	/**
	 * Applies events, each at most once however often it is delivered.
	 * @param events events in any order, possibly repeated
	 * @return the number of events applied for the first time
	 */
	public int project(List<? extends OrderEvent> events) {
		if (events.isEmpty()) {
			return 0;
		}
		Map<EventId, OrderEvent> distinct = new LinkedHashMap<>();
		events.forEach((event) -> distinct.putIfAbsent(event.eventId(), event));
		Timer.Sample sample = Timer.start();
		List<OrderEvent> applied = this.transactions.execute((status) -> {
			Set<EventId> fresh = this.store.remember(distinct.keySet());
			List<OrderEvent> unseen = distinct.values().stream().filter((e) -> fresh.contains(e.eventId())).toList();
			if (!unseen.isEmpty()) {
				this.store.merge(ProjectedOrder.fold(unseen).values());
			}
			return unseen;
		});
		sample.stop(this.batches);
		int fresh = (applied != null) ? applied.size() : 0;
		this.applied.increment(fresh);
		this.duplicates.increment(events.size() - fresh);
		if (applied == null || applied.isEmpty()) {
			return 0;
		}
		this.publisher
			.publishEvent(new OrdersProjected(applied.stream().map(OrderEvent::orderId).collect(Collectors.toSet()),
					applied.stream().map(OrderEvent::occurredAt).toList(), this.clock.instant()));
		return applied.size();
	}

}
