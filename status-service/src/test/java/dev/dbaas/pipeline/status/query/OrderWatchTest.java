package dev.dbaas.pipeline.status.query;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.dbaas.pipeline.status.order.OrderEvents;
import dev.dbaas.pipeline.status.order.OrderHistory;
import dev.dbaas.pipeline.status.order.OrderId;
import dev.dbaas.pipeline.status.order.OrderStatus;
import dev.dbaas.pipeline.status.order.OrderView;
import dev.dbaas.pipeline.status.order.OrdersProjected;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;

class OrderWatchTest {

	private final InMemoryViews views = new InMemoryViews();

	private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

	private final OrderWatch watch;

	OrderWatchTest() {
		this.scheduler.initialize();
		this.watch = new OrderWatch(this.views, this.scheduler, Clock.systemUTC(), new SimpleMeterRegistry());
	}

	@AfterEach
	void stopScheduler() {
		this.scheduler.shutdown();
	}

	@Test
	void answersAtOnceWhenTheConditionAlreadyHolds() {
		this.views.put(OrderView.of(OrderEvents.anOrderPlaced("o-1").build()));

		CompletableFuture<Optional<OrderView>> result = this.watch.await(OrderId.of("o-1"), Optional::isPresent,
				Duration.ofSeconds(30));

		assertThat(result).isCompleted();
	}

	@Test
	void aCommittedChangeWakesTheWaiter() throws Exception {
		CompletableFuture<Optional<OrderView>> result = this.watch.await(OrderId.of("o-1"), Optional::isPresent,
				Duration.ofSeconds(30));
		assertThat(result).isNotDone();

		this.views.put(OrderView.of(OrderEvents.anOrderPlaced("o-1").build()));
		this.watch.on(new OrdersProjected(Set.of(OrderId.of("o-1")), java.util.List.of(), java.time.Instant.now()));

		assertThat(result.get(5, TimeUnit.SECONDS)).isPresent();
	}

	@Test
	void thePollFindsChangesCommittedElsewhere() throws Exception {
		CompletableFuture<Optional<OrderView>> result = this.watch.await(OrderId.of("o-1"),
				(view) -> view.isPresent() && view.get().status() == OrderStatus.PROCESSING, Duration.ofSeconds(30));
		this.views.put(OrderView.of(OrderEvents.aStatusChange("o-1", OrderStatus.PROCESSING, 1).build()));

		this.watch.poll();

		assertThat(result.get(5, TimeUnit.SECONDS)).isPresent();
	}

	@Test
	void theDeadlineAnswersWithTheOrderAsItIs() throws Exception {
		CompletableFuture<Optional<OrderView>> result = this.watch.await(OrderId.of("o-2"), Optional::isPresent,
				Duration.ofMillis(200));

		assertThat(result.get(5, TimeUnit.SECONDS)).isEmpty();
	}

	private static final class InMemoryViews implements OrderViews {

		private final Map<OrderId, OrderView> views = new ConcurrentHashMap<>();

		void put(OrderView view) {
			this.views.put(view.orderId(), view);
		}

		@Override
		public Optional<OrderView> find(OrderId orderId) {
			return Optional.ofNullable(this.views.get(orderId));
		}

		@Override
		public Map<OrderId, OrderView> findAll(Collection<OrderId> orderIds) {
			return orderIds.stream()
				.filter(this.views::containsKey)
				.collect(Collectors.toMap((id) -> id, this.views::get));
		}

		@Override
		public OrderPage list(OrderFilter filter, int limit, @Nullable Cursor after) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Optional<OrderHistory> history(OrderId orderId) {
			throw new UnsupportedOperationException();
		}

		@Override
		public ViewSummary summarize() {
			throw new UnsupportedOperationException();
		}

	}

}
