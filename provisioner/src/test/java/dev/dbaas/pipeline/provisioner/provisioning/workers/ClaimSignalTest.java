package dev.dbaas.pipeline.provisioner.provisioning.workers;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The claimer's wake-up: kept until the claimer next waits, collapsed, and forgotten by a
 * claim that starts after it.
 */
class ClaimSignalTest {

	private static final Duration SHORT = Duration.ofMillis(50);

	private final ClaimSignal signal = new ClaimSignal();

	@Test
	void keepsAWakeUpThatArrivesBeforeTheClaimerWaits() throws InterruptedException {
		this.signal.wake();

		assertThat(this.signal.await(Duration.ofMinutes(1))).isTrue();
	}

	@Test
	void collapsesManyWakeUpsIntoOne() throws InterruptedException {
		this.signal.wake();
		this.signal.wake();
		this.signal.wake();

		assertThat(this.signal.await(Duration.ofMinutes(1))).isTrue();
		assertThat(this.signal.await(SHORT)).isFalse();
	}

	@Test
	void forgetsAWakeUpThatAClaimStartingAfterItCovers() throws InterruptedException {
		this.signal.wake();

		this.signal.clear();

		assertThat(this.signal.await(SHORT)).isFalse();
	}

	@Test
	void waitsForTheTimeoutWithoutAWakeUp() throws InterruptedException {
		assertThat(this.signal.await(SHORT)).isFalse();
	}

}
