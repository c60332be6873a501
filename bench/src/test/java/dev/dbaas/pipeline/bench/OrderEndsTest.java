package dev.dbaas.pipeline.bench;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OrderEndsTest {

	private final OrderEnds ends = new OrderEnds();

	private final Phase phase = new Phase("e2e 30/s", 30);

	private static OrderTrace order(String id) {
		return new OrderTrace(id, 0, 1);
	}

	@Test
	void anOrderTrackedIsDoneOnceItsDoneEventIsSeen() {
		this.ends.track(this.phase, order("o-1"));
		assertThat(this.phase.inFlight()).isEqualTo(1);

		this.ends.ended("o-1", "DONE", 5_000);

		assertThat(this.phase.done.get()).isEqualTo(1);
		assertThat(this.phase.lastDone).isEqualTo(5_000);
		assertThat(this.phase.inFlight()).isZero();
		assertThat(this.ends.open()).isZero();
	}

	@Test
	void anEndSeenBeforeTheAcceptanceWasHandledFinishesTheOrderWhenItIsTracked() {
		this.ends.ended("o-2", "DONE", 5_000);

		this.ends.track(this.phase, order("o-2"));

		assertThat(this.phase.done.get()).isEqualTo(1);
		assertThat(this.ends.open()).isZero();
	}

	@Test
	void aSecondEndEventOfTheSameOrderCountsNothing() {
		this.ends.track(this.phase, order("o-3"));

		this.ends.ended("o-3", "DONE", 5_000);
		this.ends.ended("o-3", "DONE", 6_000);

		assertThat(this.phase.done.get()).isEqualTo(1);
		assertThat(this.phase.errorCount()).isZero();
	}

	@Test
	void aFailedOrCancelledOrderIsAnErrorNotDone() {
		this.ends.track(this.phase, order("o-4"));
		this.ends.track(this.phase, order("o-5"));

		this.ends.ended("o-4", "FAILED", 5_000);
		this.ends.ended("o-5", "CANCELLED", 5_000);

		assertThat(this.phase.done.get()).isZero();
		assertThat(this.phase.failed.get()).isEqualTo(1);
		assertThat(this.phase.unfinished.get()).isEqualTo(1);
		assertThat(this.phase.errors).containsOnlyKeys("order FAILED", "CANCELLED");
	}

	@Test
	void ordersOfAClosedPhaseNotEndedAreUnfinishedAndOtherPhasesKeepTheirs() {
		Phase next = new Phase("e2e 60/s", 60);
		this.ends.track(this.phase, order("o-6"));
		this.ends.track(next, order("o-7"));

		assertThat(this.ends.abandon(this.phase)).isEqualTo(1);

		assertThat(this.phase.unfinished.get()).isEqualTo(1);
		assertThat(this.phase.errors).containsOnlyKeys("not DONE within the drain time");
		assertThat(this.ends.open()).isEqualTo(1);
		this.ends.ended("o-6", "DONE", 9_000);
		assertThat(this.phase.done.get()).as("an end after the phase closed").isZero();
	}

	@Test
	void endsOfOrdersNeverTrackedAreForgottenAfterAWhile() {
		this.ends.ended("someone-elses", "DONE", 0);

		this.ends.sweep(OrderEnds.UNTRACKED_KEPT.plus(Duration.ofSeconds(1)).toNanos());
		this.ends.track(this.phase, order("someone-elses"));

		assertThat(this.phase.done.get()).isZero();
		assertThat(this.ends.open()).isEqualTo(1);
	}

}
