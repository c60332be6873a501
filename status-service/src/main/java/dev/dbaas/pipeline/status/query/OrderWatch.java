package dev.dbaas.pipeline.status.query;

import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Predicate;

import dev.dbaas.pipeline.status.order.OrderId;
import dev.dbaas.pipeline.status.order.OrderView;
import dev.dbaas.pipeline.status.order.OrdersProjected;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Lets readers wait for an order to reach a condition (appear, or change from a version
 * they hold) without holding a thread while they wait.
 *
 * <p>
 * A waiter is woken when this instance commits a change to its order (after the commit,
 * so the reader sees it), and by a poll every {@code status.long-poll.poll-interval} as a
 * fallback for changes committed by another instance of the service. Both read all
 * waited-for orders in one query. At its deadline a waiter is completed with whatever the
 * view then holds.
 *
 * <p>
 * Thread-safe.
 */
@Component
public class OrderWatch {

	private static final Logger log = LoggerFactory.getLogger(OrderWatch.class);

	private final OrderViews views;

	private final TaskScheduler scheduler;

	private final Clock clock;

	private final Map<OrderId, Set<Waiter>> waiters = new ConcurrentHashMap<>();

	/** Changed orders with waiters, for the next wake-up; guarded by itself. */
	private final Set<OrderId> changed = new HashSet<>();

	/** Whether a wake-up is scheduled that has not taken {@link #changed} yet. */
	private boolean wakeUpDue;

	public OrderWatch(OrderViews views, TaskScheduler scheduler, Clock clock, MeterRegistry registry) {
		this.views = views;
		this.scheduler = scheduler;
		this.clock = clock;
		Gauge
			.builder("status.long.poll.waiting", this.waiters, (map) -> map.values().stream().mapToInt(Set::size).sum())
			.description("Requests waiting for an order to appear or change")
			.register(registry);
	}

	/**
	 * Waits until the order satisfies a condition, or the time is up.
	 * @param orderId the order
	 * @param condition tested against the order, or an empty optional while it is unknown
	 * @param timeout how long to wait at most
	 * @return completes with the order (or empty) as soon as the condition holds, else at
	 * the deadline with the order as it then is
	 */
	public CompletableFuture<Optional<OrderView>> await(OrderId orderId, Predicate<Optional<OrderView>> condition,
			Duration timeout) {
		Waiter waiter = new Waiter(orderId, condition, new CompletableFuture<>());
		this.waiters.computeIfAbsent(orderId, (id) -> ConcurrentHashMap.newKeySet()).add(waiter);
		Optional<OrderView> now;
		try {
			now = this.views.find(orderId);
		}
		catch (RuntimeException ex) {
			complete(waiter, Optional.empty());
			throw ex;
		}
		if (condition.test(now) || timeout.isZero() || timeout.isNegative()) {
			complete(waiter, now);
			return waiter.result();
		}
		ScheduledFuture<?> deadline = this.scheduler.schedule(() -> complete(waiter, this.views.find(orderId)),
				this.clock.instant().plus(timeout));
		waiter.result().whenComplete((view, ex) -> deadline.cancel(false));
		return waiter.result();
	}

	/**
	 * Wakes the waiters of the changed orders. Changes announced while a wake-up is
	 * already due join it: one read for all of them, since it sees every commit before
	 * it.
	 * @param projected the orders whose changes were committed
	 */
	@EventListener
	void on(OrdersProjected projected) {
		boolean first = false;
		synchronized (this.changed) {
			for (OrderId orderId : projected.orderIds()) {
				if (this.waiters.containsKey(orderId)) {
					this.changed.add(orderId);
				}
			}
			if (!this.changed.isEmpty() && !this.wakeUpDue) {
				this.wakeUpDue = true;
				first = true;
			}
		}
		if (first) {
			this.scheduler.schedule(this::wakeUp, this.clock.instant());
		}
	}

	private void wakeUp() {
		Set<OrderId> orderIds;
		synchronized (this.changed) {
			orderIds = new HashSet<>(this.changed);
			this.changed.clear();
			this.wakeUpDue = false;
		}
		check(orderIds);
	}

	@Scheduled(fixedDelayString = "${status.long-poll.poll-interval:1s}")
	void poll() {
		if (!this.waiters.isEmpty()) {
			check(new HashSet<>(this.waiters.keySet()));
		}
	}

	private void check(Set<OrderId> orderIds) {
		try {
			Map<OrderId, OrderView> current = this.views.findAll(orderIds);
			for (OrderId orderId : orderIds) {
				Optional<OrderView> view = Optional.ofNullable(current.get(orderId));
				for (Waiter waiter : this.waiters.getOrDefault(orderId, Set.of())) {
					if (waiter.condition().test(view)) {
						complete(waiter, view);
					}
				}
			}
		}
		catch (RuntimeException ex) {
			// The deadline still completes every waiter; the next poll tries again.
			log.warn("Cannot check waiting orders: {}", ex.toString());
		}
	}

	private void complete(Waiter waiter, Optional<OrderView> view) {
		this.waiters.computeIfPresent(waiter.orderId(), (id, set) -> {
			set.remove(waiter);
			return set.isEmpty() ? null : set;
		});
		waiter.result().complete(view);
	}

	private record Waiter(OrderId orderId, Predicate<Optional<OrderView>> condition,
			CompletableFuture<Optional<OrderView>> result) {

		@Override
		public boolean equals(Object other) {
			return this == other;
		}

		@Override
		public int hashCode() {
			return System.identityHashCode(this);
		}

	}

}
