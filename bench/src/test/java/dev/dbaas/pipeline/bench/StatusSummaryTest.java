package dev.dbaas.pipeline.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StatusSummaryTest {

	@Test
	void unfinishedCountsNewAndProcessingOfByStatusOnly() {
		String summary = """
				{"byStatus": {"NEW": 3, "PROCESSING": 40, "DONE": 900, "FAILED": 2},
				 "byRegion": {"DE-WEST-1": {"NEW": 100, "PROCESSING": 100}},
				 "failedByCode": {}}""";
		assertThat(StatusSummary.unfinished(summary)).isEqualTo(43);
	}

	@Test
	void unfinishedIsZeroWhenEverythingFinished() {
		assertThat(StatusSummary.unfinished("{\"byStatus\":{\"DONE\":5}}")).isZero();
	}

	@Test
	void unfinishedIsUnknownWithoutByStatus() {
		assertThat(StatusSummary.unfinished("{\"type\":\"https://dbaas.example/problems/unauthorized\"}"))
			.isEqualTo(-1);
	}

	@Test
	void doneCountsDoneOfByStatusOnly() {
		String summary = """
				{"byStatus": {"NEW": 3, "PROCESSING": 40, "DONE": 900, "FAILED": 2},
				 "byRegion": {"DE-WEST-1": {"DONE": 100}}}""";
		assertThat(StatusSummary.done(summary)).isEqualTo(900);
		assertThat(StatusSummary.done("{\"byStatus\":{\"NEW\":5}}")).isZero();
		assertThat(StatusSummary.done("{}")).isEqualTo(-1);
	}

}
