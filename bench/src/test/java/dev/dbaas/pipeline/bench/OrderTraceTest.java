package dev.dbaas.pipeline.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OrderTraceTest {

	@Test
	void anOrderFirstSeenAsDoneCountsAsVisibleInEveryStageAtThatMoment() {
		Phase phase = new Phase("e2e", 1);
		OrderTrace trace = new OrderTrace("o-1", 1_000_000, 2_000_000);
		assertThat(trace.observe("DONE", 5_000_000, phase)).as("DONE is terminal").isTrue();
		assertThat(phase.toNew.total().count()).isEqualTo(1);
		assertThat(phase.toProcessing.total().count()).isEqualTo(1);
		assertThat(phase.toDone.total().count()).isEqualTo(1);
		assertThat(phase.endToEnd.total().count()).isEqualTo(1);
		assertThat(phase.lastDone).isEqualTo(5_000_000);
	}

	@Test
	void eachStageIsRecordedOnceWhenFirstSeen() {
		Phase phase = new Phase("e2e", 1);
		OrderTrace trace = new OrderTrace("o-1", 0, 0);
		assertThat(trace.observe("NEW", 1_000, phase)).isFalse();
		assertThat(trace.observe("NEW", 2_000, phase)).isFalse();
		assertThat(trace.observe("PROCESSING", 3_000, phase)).isFalse();
		assertThat(trace.observe("FAILED", 4_000, phase)).as("FAILED is terminal").isTrue();
		assertThat(phase.toNew.total().count()).isEqualTo(1);
		assertThat(phase.toProcessing.total().count()).isEqualTo(1);
	}

}
