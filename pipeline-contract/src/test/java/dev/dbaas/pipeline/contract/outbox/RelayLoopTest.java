package dev.dbaas.pipeline.contract.outbox;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

class RelayLoopTest {

	private static final Duration WITHIN = Duration.ofSeconds(10);

	@Test
	void doublesTheBackOffFromItsMinimumUpToItsMaximum() {
		CountingRelay relay = new CountingRelay(settings(Duration.ofHours(1), Duration.ZERO, false));

		Duration backoff = Duration.ZERO;
		StringBuilder steps = new StringBuilder();
		for (int i = 0; i < 7; i++) {
			backoff = relay.nextBackoff(backoff);
			steps.append(backoff.toMillis()).append(' ');
		}

		assertThat(steps.toString().trim()).isEqualTo("100 200 400 800 1600 2000 2000");
	}

	@Test
	void relaysFullBatchesBackToBackAndWaitsForAWakeUpAfterOneThatWasNotFull() {
		CountingRelay relay = new CountingRelay(settings(Duration.ofHours(1), Duration.ZERO, false));
		relay.fullBatches.set(3);
		relay.start();
		try {
			await().atMost(WITHIN).until(() -> relay.batches.get() == 4);
			assertThat(relay.isRunning()).isTrue();

			relay.wake();

			await().atMost(WITHIN).until(() -> relay.batches.get() == 5);
		}
		finally {
			relay.stop();
		}
		assertThat(relay.isRunning()).isFalse();
	}

	@Test
	void keepsRelayingAfterFailedBatches() {
		CountingRelay relay = new CountingRelay(settings(Duration.ofMillis(10), Duration.ZERO, false));
		relay.failures.set(3);
		relay.start();
		try {
			await().atMost(WITHIN).until(() -> relay.batches.get() > 4);
		}
		finally {
			relay.stop();
		}
		assertThat(relay.failures).hasValue(0);
	}

	@Test
	void drainsWhatIsLeftWhenStoppedIfAsked() {
		CountingRelay relay = new CountingRelay(settings(Duration.ofHours(1), Duration.ofSeconds(10), true));
		relay.start();
		await().atMost(WITHIN).until(() -> relay.batches.get() == 1);
		relay.fullBatches.set(2);

		relay.stop();

		assertThat(relay.batches).as("two full batches, then the empty one that ends the drain").hasValue(4);
	}

	@Test
	void doesNotStartWhenDisabled() {
		CountingRelay relay = new CountingRelay(settings(Duration.ofHours(1), Duration.ZERO, false));
		relay.enabled = false;

		relay.start();

		assertThat(relay.isRunning()).isFalse();
		relay.stop();
	}

	@Test
	void refusesSettingsThatCannotRun() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RelayLoop.Settings("r", 0, Duration.ofSeconds(1), Duration.ofMillis(100),
					Duration.ofSeconds(1), Duration.ZERO, false, 0))
			.withMessageContaining("batchSize");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RelayLoop.Settings("r", 1, Duration.ofSeconds(1), Duration.ofSeconds(2),
					Duration.ofSeconds(1), Duration.ZERO, false, 0))
			.withMessageContaining("maxBackoff");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RelayLoop.Settings("r", 1, Duration.ZERO, Duration.ofMillis(100),
					Duration.ofSeconds(1), Duration.ZERO, false, 0))
			.withMessageContaining("pollInterval");
	}

	private static RelayLoop.Settings settings(Duration pollInterval, Duration stopGrace, boolean drain) {
		return new RelayLoop.Settings("test-relay", 10, pollInterval, Duration.ofMillis(100), Duration.ofSeconds(2),
				stopGrace, drain, 0);
	}

	/**
	 * Relays full batches while {@code fullBatches} lasts, fails while {@code failures}
	 * does.
	 */
	static final class CountingRelay extends RelayLoop {

		final AtomicInteger batches = new AtomicInteger();

		final AtomicInteger fullBatches = new AtomicInteger();

		final AtomicInteger failures = new AtomicInteger();

		volatile boolean enabled = true;

		CountingRelay(Settings settings) {
			super(settings);
		}

		@Override
		protected boolean enabled() {
			return this.enabled;
		}

		@Override
		protected int relayBatch() {
			this.batches.incrementAndGet();
			if (this.failures.getAndUpdate((n) -> Math.max(0, n - 1)) > 0) {
				throw new IllegalStateException("broker down");
			}
			return (this.fullBatches.getAndUpdate((n) -> Math.max(0, n - 1)) > 0) ? 10 : 0;
		}

	}

}
