package dev.dbaas.pipeline.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PhaseTest {

	@Test
	void ordersStillWaitingInTheClientWhenThePhaseEndsAreCountedAsNotSent() {
		Phase phase = new Phase("e2e 1000/s", 1000);
		phase.sent.addAndGet(5);
		assertThat(phase.posting()).isTrue();
		assertThat(phase.posting()).isTrue();
		assertThat(phase.posting()).isTrue();
		phase.close();
		assertThat(phase.posting()).as("nothing is sent once the phase is over").isFalse();
		assertThat(phase.errorCount()).isEqualTo(2);
		assertThat(phase.inFlight()).as("the three sent are still unanswered").isEqualTo(3);
	}

	@Test
	void anOrderFailedCountsAsFailedAndAsAnErrorButNotAsInFlight() {
		Phase phase = new Phase("e2e 10/s", 10);
		phase.sent.incrementAndGet();
		phase.accepted.incrementAndGet();
		phase.following.incrementAndGet();
		phase.finish(new OrderTrace("o-1", 0, 0), "FAILED");
		assertThat(phase.failed.get()).isEqualTo(1);
		assertThat(phase.errors).containsOnlyKeys("order FAILED");
		assertThat(phase.inFlight()).isZero();
	}

}
