package dev.dbaas.pipeline.bench;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SoakScenarioTest {

	@Test
	void aWindowCarriesItsFiguresAndTheP99ReadsBackFromIt() {
		LatencySummary endToEnd = new LatencySummary(10, 40, 90, 120.5, 200);
		LatencySummary post = new LatencySummary(10, 1, 2, 3, 4);
		Map<String, Object> json = SoakScenario.windowJson(3, new Phase.Window(endToEnd, post, 7, 10));
		assertThat(json).containsEntry("window", 3)
			.containsEntry("finished", 10L)
			.containsEntry("inFlightAtEnd", 7L)
			.containsKeys("heapAfterGcMb", "loadAverage", "postTo202");
		assertThat(SoakScenario.p99(json)).isEqualTo(120.5);
	}

}
