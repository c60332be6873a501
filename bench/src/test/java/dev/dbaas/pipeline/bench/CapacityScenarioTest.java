package dev.dbaas.pipeline.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CapacityScenarioTest {

	@Test
	void aStepWithEveryOrderDoneWithinASecondAtP99IsSustained() {
		assertThat(CapacityScenario.sustains(p99(1000), step(1000, 1000, 0))).isTrue();
	}

	@Test
	void aStepOverASecondAtP99IsNotSustained() {
		assertThat(CapacityScenario.sustains(p99(1000.1), step(1000, 1000, 0))).isFalse();
	}

	@Test
	void aStepThatLosesMoreThanOnePercentIsNotSustainedEvenIfFast() {
		assertThat(CapacityScenario.sustains(p99(200), step(1000, 990, 0))).isTrue();
		assertThat(CapacityScenario.sustains(p99(200), step(1000, 989, 0))).isFalse();
	}

	@Test
	void refusedOrdersCountAsLostForTheCapacity() {
		assertThat(CapacityScenario.sustains(p99(200), step(1000, 900, 100))).isFalse();
	}

	@Test
	void aStepWithoutAnyOrderDoneIsNotSustained() {
		assertThat(CapacityScenario.sustains(LatencySummary.EMPTY, step(1000, 0, 0))).isFalse();
	}

	private static Phase step(long sent, long done, long refused) {
		Phase step = new Phase("capacity 100/s", 100);
		step.sent.set(sent);
		step.accepted.set(sent - refused);
		step.done.set(done);
		for (long i = 0; i < refused; i++) {
			step.refuse("503 overloaded", true, 0, 1_000_000);
		}
		return step;
	}

	private static LatencySummary p99(double millis) {
		return new LatencySummary(100, 50, 200, millis, millis);
	}

}
