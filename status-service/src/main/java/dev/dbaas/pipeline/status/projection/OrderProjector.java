package dev.dbaas.pipeline.status.projection;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.dbaas.pipeline.status.order.OrderEvent;
import dev.dbaas.pipeline.status.order.OrderId;
import dev.dbaas.pipeline.status.order.OrderView;
import dev.dbaas.pipeline.status.order.OrdersProjected;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies a batch of events to the view in one transaction: records them in their orders'
 * histories, which drops those recorded before, merges the rest into the orders' views,
 * then announces the changed orders after the commit.
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
		Map<AppliedEvent, OrderEvent> distinct = new LinkedHashMap<>();
		events.forEach((event) -> distinct.putIfAbsent(AppliedEvent.of(event), event));
		Timer.Sample sample = Timer.start();
		List<OrderEvent> applied = this.transactions.execute((status) -> {
			Set<AppliedEvent> fresh = this.store.record(distinct.values());
			List<OrderEvent> unseen = new ArrayList<>(fresh.size());
			Map<OrderId, OrderView> views = new HashMap<>();
			boolean allFresh = fresh.size() == distinct.size();
			distinct.forEach((key, event) -> {
				if (allFresh || fresh.contains(key)) {
					unseen.add(event);
					views.merge(event.orderId(), OrderView.of(event), OrderView::mergedWith);
				}
			});
			this.store.merge(views.values());
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
