package dev.dbaas.pipeline.intake.admission;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.dbaas.pipeline.intake.admission.Overload.Bound;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.dao.QueryTimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The decisions of admission control, with a count and a clock the test sets: when an
 * order is refused, what it is told, what is counted and what the request path costs.
 */
class AdmissionTest {

	private static final Duration REFRESH = Duration.ofMillis(200);

	private final SettableClock clock = new SettableClock();

	private final Counts counts = new Counts();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final Admission admission = bounded(10);

	@Test
	void admitsWhileFewerOrdersThanTheBoundAreInFlight() {
		this.counts.inFlight = 9;
		this.admission.refresh();

		assertThat(this.admission.admit()).isEmpty();
		assertThat(this.admission.inFlight()).isEqualTo(9);
	}

	@Test
	void refusesAtTheBoundNamingTheCountTheBoundAndWhenToRetry() {
		this.counts.inFlight = 10;
		this.admission.refresh();

		assertThat(this.admission.admit())
			.contains(new Overload(Bound.ORDERS_IN_FLIGHT, 10, 10, Duration.ofMillis(1500)));
		assertThat(this.admission.admit().orElseThrow().retryAfterSeconds()).isEqualTo(2);
	}

	@Test
	void countsTheOrdersAcceptedHereSinceTheLastRefresh() {
		this.counts.inFlight = 8;
		this.admission.refresh();

		this.admission.writing(() -> "accepted", (written) -> 1);
		assertThat(this.admission.admit()).isEmpty();
		this.admission.writing(() -> "accepted", (written) -> 1);

		assertThat(this.admission.admit()).map(Overload::count).contains(10L);
	}

	@Test
	void countsAnOrderCommittedWhileTheCountIsTakenOnce() throws Exception {
		this.counts.inFlight = 8;
		this.admission.refresh();
		CountDownLatch committed = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		CompletableFuture<String> write = CompletableFuture.supplyAsync(() -> this.admission.writing(() -> {
			this.counts.inFlight = 9;
			committed.countDown();
			await(release);
			return "accepted";
		}, (written) -> 1));
		await(committed);

		CompletableFuture<Void> refresh = CompletableFuture.runAsync(this.admission::refresh);
		Thread.sleep(50);
		assertThat(refresh).isNotDone();
		release.countDown();
		write.get(5, TimeUnit.SECONDS);
		refresh.get(5, TimeUnit.SECONDS);

		assertThat(this.admission.inFlight()).isEqualTo(9);
	}

	@Test
	void countsWithoutWaitingLongerThanAnIntervalForAWriteThatHangs() throws Exception {
		this.counts.inFlight = 8;
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch started = new CountDownLatch(1);
		CompletableFuture<String> write = CompletableFuture.supplyAsync(() -> this.admission.writing(() -> {
			started.countDown();
			await(release);
			return "accepted";
		}, (written) -> 1));
		await(started);

		long start = System.nanoTime();
		this.admission.refresh();
		long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
		release.countDown();
		write.get(5, TimeUnit.SECONDS);

		assertThat(waitedMillis).isGreaterThanOrEqualTo(REFRESH.toMillis() - 10).isLessThan(5_000);
		assertThat(this.admission.inFlight()).isEqualTo(9);
	}

	private static void await(CountDownLatch latch) {
		try {
			assertThat(latch.await(5, TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void admitsAgainOnceSettlementsBringTheCountBelowTheBound() {
		this.counts.inFlight = 25;
		this.admission.refresh();
		assertThat(this.admission.admit()).isPresent();

		this.counts.inFlight = 3;
		this.admission.refresh();

		assertThat(this.admission.admit()).isEmpty();
	}

	@Test
	void readsNothingOnTheRequestPath() {
		this.counts.inFlight = 10;
		this.admission.refresh();
		int reads = this.counts.caps.size();

		for (int i = 0; i < 1000; i++) {
			this.admission.admit();
		}

		assertThat(this.counts.caps).hasSize(reads);
	}

	@Test
	void admitsWithoutACountUntilTheFirstRefresh() {
		this.counts.inFlight = 1000;

		assertThat(this.admission.admit()).isEmpty();
		assertThat(this.admission.inFlight()).isEqualTo(-1);
	}

	@Test
	void keepsTheLastCountWhileARefreshFailsAndAdmitsOnceItIsTenIntervalsOld() {
		this.counts.inFlight = 10;
		this.admission.refresh();
		this.counts.failure = new QueryTimeoutException("canceling statement due to statement timeout");

		this.clock.advance(REFRESH.multipliedBy(10));
		this.admission.refresh();
		assertThat(this.admission.admit()).isPresent();

		this.clock.advance(Duration.ofMillis(1));
		this.admission.refresh();
		assertThat(this.admission.admit()).isEmpty();
	}

	@Test
	void countsNoFurtherThanTenTimesTheBound() {
		this.admission.refresh();

		assertThat(this.counts.caps).containsExactly(100L);
	}

	@Test
	void countsNothingWithoutABound() {
		Admission unbounded = bounded(0);
		this.counts.inFlight = 1_000_000;

		unbounded.refresh();

		assertThat(unbounded.admit()).isEmpty();
		assertThat(this.counts.caps).isEmpty();
	}

	@Test
	void answersAFullPlacementQueueWithItsOwnBound() {
		assertThat(this.admission.placementQueueFull(32, 32))
			.isEqualTo(new Overload(Bound.PLACEMENT_QUEUE, 32, 32, Duration.ofMillis(1500)));
	}

	@Test
	void countsRefusalsByReasonAndShowsTheCountAndTheBound() {
		this.counts.inFlight = 12;
		this.admission.refresh();

		this.admission.admit();
		this.admission.admit();
		this.admission.placementQueueFull(32, 32);

		assertThat(this.meters.get("intake.orders.refused").tag("reason", "orders_in_flight").counter().count())
			.isEqualTo(2);
		assertThat(this.meters.get("intake.orders.refused").tag("reason", "placement_queue").counter().count())
			.isEqualTo(1);
		assertThat(this.meters.get("intake.orders.in.flight").gauge().value()).isEqualTo(12);
		assertThat(this.meters.get("intake.orders.in.flight.limit").gauge().value()).isEqualTo(10);
	}

	private Admission bounded(long bound) {
		return new Admission(new AdmissionProperties(bound, REFRESH, Duration.ofMillis(1500)), this.counts, this.clock,
				this.meters);
	}

	/** Orders in flight as the test sets them, remembering every cap asked for. */
	private static final class Counts implements OrdersInFlight {

		long inFlight;

		RuntimeException failure;

		final List<Long> caps = new ArrayList<>();

		@Override
		public long count(long atMost) {
			this.caps.add(atMost);
			if (this.failure != null) {
				throw this.failure;
			}
			return Math.min(this.inFlight, atMost);
		}

	}

	private static final class SettableClock extends Clock {

		private Instant now = Instant.parse("2026-01-01T00:00:00Z");

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
