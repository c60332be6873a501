package dev.dbaas.pipeline.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IntakeMaxScenarioTest {

	@Test
	void aStepIsSustainedWithinTheP99LimitWithoutErrorsAndWithAlmostEveryOrderAccepted() {
		assertThat(IntakeMaxScenario.sustains(p99(50), step(100, 97))).isTrue();
	}

	@Test
	void aStepOverTheP99LimitIsNotSustained() {
		assertThat(IntakeMaxScenario.sustains(p99(50.1), step(100, 100))).isFalse();
	}

	@Test
	void aStepWithTooFewOrdersAcceptedIsNotSustained() {
		assertThat(IntakeMaxScenario.sustains(p99(30), step(100, 96))).isFalse();
	}

	@Test
	void aStepWithAnErrorIsNotSustained() {
		Phase failing = step(100, 100);
		failing.error("POST 503");
		assertThat(IntakeMaxScenario.sustains(p99(30), failing)).isFalse();
	}

	private static Phase step(long sent, long accepted) {
		Phase step = new Phase("intake-max 600/s", 600);
		step.sent.set(sent);
		step.accepted.set(accepted);
		return step;
	}

	private static LatencySummary p99(double millis) {
		return new LatencySummary(100, 5, 20, millis, 80);
	}

}
