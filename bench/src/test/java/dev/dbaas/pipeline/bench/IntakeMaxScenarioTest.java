package dev.dbaas.pipeline.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IntakeMaxScenarioTest {

	@Test
	void aStepIsSustainedWithinTheP99LimitWithoutErrorsAndWithAlmostEveryOrderAccepted() {
		Phase step = new Phase("intake-max 600/s", 600);
		step.sent.set(100);
		step.accepted.set(97);
		assertThat(IntakeMaxScenario.sustains(new LatencySummary(97, 5, 20, 50, 80), step)).isTrue();
	}

	@Test
	void aStepOverTheP99LimitIsNotSustained() {
		Phase step = new Phase("intake-max 600/s", 600);
		step.sent.set(100);
		step.accepted.set(100);
		assertThat(IntakeMaxScenario.sustains(new LatencySummary(100, 5, 20, 50.1, 80), step)).isFalse();
	}

	@Test
	void aStepWithTooFewOrdersAcceptedOrAnErrorIsNotSustained() {
		Phase few = new Phase("intake-max 600/s", 600);
		few.sent.set(100);
		few.accepted.set(96);
		assertThat(IntakeMaxScenario.sustains(new LatencySummary(96, 5, 20, 30, 80), few)).isFalse();
		Phase failing = new Phase("intake-max 600/s", 600);
		failing.sent.set(100);
		failing.accepted.set(100);
		failing.error("POST 503");
		assertThat(IntakeMaxScenario.sustains(new LatencySummary(100, 5, 20, 30, 80), failing)).isFalse();
	}

}
