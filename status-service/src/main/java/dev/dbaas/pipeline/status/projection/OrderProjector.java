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
import dev.dbaas.pipeline.status.order.OrderStatus;
import dev.dbaas.pipeline.status.order.OrderType;
import dev.dbaas.pipeline.status.order.OrderView;
import dev.dbaas.pipeline.status.order.OrdersProjected;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies a batch of events to the view in one transaction: records them in their orders'
 * histories, which drops those recorded before, merges the rest into the orders' views,
 * then announces the changed orders after the commit.
 *
 * <p>
 * Counts the change orders (UPDATE, DELETE) that fail in
 * {@code instance_changes_failed_total{type,usable}}: once per order, when its first
 * FAILED event is applied, never for a redelivery.
 *
 * <p>
 * Thread-safe; concurrent batches that touch the same order serialize on its row.
 */
@Service
public class OrderProjector {

	private static final Logger log = LoggerFactory.getLogger(OrderProjector.class);

	private final ProjectionStore store;

	private final TransactionTemplate transactions;

	private final ApplicationEventPublisher publisher;

	private final Clock clock;

	private final Timer batches;

	private final Counter applied;

	private final Counter duplicates;

	private final Map<String, Counter> failedChanges = new HashMap<>();

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
		for (OrderType type : OrderType.values()) {
			if (type.isChange()) {
				for (boolean usable : new boolean[] { true, false }) {
					this.failedChanges.put(failedChangeKey(type, usable), Counter.builder("instance.changes.failed")
						.description("Change orders that FAILED, by type and by whether the instance is still usable")
						.tag("type", type.name())
						.tag("usable", String.valueOf(usable))
						.register(registry));
				}
			}
		}
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
		List<OrderEvent.StatusChanged> failures = new ArrayList<>();
		List<OrderEvent> applied = this.transactions.execute((status) -> {
			failures.clear();
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
			failures.addAll(firstFailedChanges(unseen));
			return unseen;
		});
		sample.stop(this.batches);
		for (OrderEvent.StatusChanged failure : failures) {
			boolean usable = !Boolean.FALSE.equals(failure.report().instanceUsable());
			this.failedChanges.get(failedChangeKey(failure.report().orderType(), usable)).increment();
			log.warn("{} order {} of instance {} FAILED ({}); the instance is {}", failure.report().orderType(),
					failure.orderId(), (failure.instanceClaim() != null) ? failure.instanceClaim().instanceId() : "?",
					(failure.failure() != null) ? failure.failure().code() : "no failure code",
					usable ? "still usable" : "left unusable");
		}
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

	/**
	 * The change orders whose first FAILED event is among the newly applied ones (the
	 * winning one of each): once per order, also when it got several FAILED events in
	 * this batch; an order failed before (its earlier FAILED event is recorded) is not
	 * counted again. An event that does not say whether the instance is usable counts as
	 * usable, as the instance's state takes it.
	 */
	private List<OrderEvent.StatusChanged> firstFailedChanges(List<OrderEvent> unseen) {
		Map<OrderId, List<OrderEvent.StatusChanged>> failed = new HashMap<>();
		for (OrderEvent event : unseen) {
			if (event instanceof OrderEvent.StatusChanged changed && changed.status() == OrderStatus.FAILED
					&& changed.report().orderType() != null && changed.report().orderType().isChange()) {
				failed.computeIfAbsent(changed.orderId(), (id) -> new ArrayList<>()).add(changed);
			}
		}
		if (failed.isEmpty()) {
			return List.of();
		}
		Map<OrderId, Integer> recorded = this.store.failedEvents(failed.keySet());
		List<OrderEvent.StatusChanged> firsts = new ArrayList<>();
		failed.forEach((orderId, events) -> {
			if (recorded.getOrDefault(orderId, 0) == events.size()) {
				OrderEvent.StatusChanged first = events.stream()
					.max((a, b) -> a.transition().supersedes(b.transition()) ? 1
							: (b.transition().supersedes(a.transition()) ? -1 : 0))
					.orElseThrow();
				firsts.add(first);
			}
		});
		return firsts;
	}

	private static String failedChangeKey(OrderType type, boolean usable) {
		return type.name() + "/" + usable;
	}

}
