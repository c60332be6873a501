package dev.dbaas.pipeline.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OrderLoadTest {

	@Test
	void unfinishedCountsNewAndProcessingOfByStatusOnly() {
		String summary = """
				{"byStatus": {"NEW": 3, "PROCESSING": 40, "DONE": 900, "FAILED": 2},
				 "byRegion": {"DE-WEST-1": {"NEW": 100, "PROCESSING": 100}},
				 "failedByCode": {}}""";
		assertThat(OrderLoad.unfinished(summary)).isEqualTo(43);
	}

	@Test
	void unfinishedIsZeroWhenEverythingFinished() {
		assertThat(OrderLoad.unfinished("{\"byStatus\":{\"DONE\":5}}")).isZero();
	}

	@Test
	void ordersStillWaitingInTheClientWhenThePhaseEndsAreCountedAsNotSent() {
		OrderLoad.Phase phase = new OrderLoad.Phase("e2e 1000/s", 1000);
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
	void unfinishedIsUnknownWithoutByStatus() {
		assertThat(OrderLoad.unfinished("{\"type\":\"https://dbaas.example/problems/unauthorized\"}")).isEqualTo(-1);
	}

}
