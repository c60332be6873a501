package dev.dbaas.pipeline.bench;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OverloadScenarioTest {

	private static final long SECOND = 1_000_000_000L;

	private static final long OVERLOAD_END = 60 * SECOND;

	@Test
	void theStackIsBackAtTheFirstWindowFromWhichOnEveryWindowIsFastWithLittleInFlight() {
		List<OverloadScenario.TimedWindow> windows = new ArrayList<>();
		windows.add(window(55, 5_000, 900));
		windows.add(window(65, 4_000, 500));
		windows.add(window(70, 300, 50));
		windows.add(window(75, 250, 40));
		windows.add(window(80, 5_000, 10));
		assertThat(OverloadScenario.recoverySeconds(windows, OVERLOAD_END, 1000, 60))
			.as("70 s is the first window back, 75 s is back, the last window is the drain")
			.isEqualTo(10.0);
	}

	@Test
	void aRelapseRestartsTheRecovery() {
		List<OverloadScenario.TimedWindow> windows = List.of(window(65, 300, 10), window(70, 2_000, 10),
				window(75, 300, 10), window(80, 300, 10), window(85, 0, 0));
		assertThat(OverloadScenario.recoverySeconds(windows, OVERLOAD_END, 1000, 60)).isEqualTo(15.0);
	}

	@Test
	void aBacklogOfASecondOfOrdersOrMoreIsNotRecoveredEvenWithALowP99() {
		List<OverloadScenario.TimedWindow> windows = List.of(window(65, 300, 60), window(70, 300, 60),
				window(75, 0, 0));
		assertThat(OverloadScenario.recoverySeconds(windows, OVERLOAD_END, 1000, 60)).isInfinite();
	}

	@Test
	void windowsOfTheOverloadItselfDoNotCount() {
		List<OverloadScenario.TimedWindow> windows = List.of(window(50, 100, 1), window(55, 100, 1),
				window(65, 5_000, 1), window(70, 0, 0));
		assertThat(OverloadScenario.recoverySeconds(windows, OVERLOAD_END, 1000, 60)).isInfinite();
	}

	@Test
	void aRefusalIsCountedApartFromErrorsAndIsNotInFlight() {
		Phase phase = new Phase("overload 200/s", 200);
		phase.sent.set(3);
		phase.refuse("503 overloaded", true, 0, 5_000_000);
		phase.refuse("429 rate-limited", false, 0, 7_000_000);
		assertThat(phase.refused.get()).isEqualTo(2);
		assertThat(phase.refusedWithRetryAfter.get()).isEqualTo(1);
		assertThat(phase.errorCount()).isZero();
		assertThat(phase.inFlight()).as("only the third is unanswered").isEqualTo(1);
		assertThat(phase.refusal.total().count()).isEqualTo(2);
		assertThat(phase.refusals).containsOnlyKeys("503 overloaded", "429 rate-limited");
	}

	@Test
	void aSegmentsEndIsMarkedWithTheCountersSoFar() {
		Phase phase = new Phase("overload 200/s", 200);
		phase.sent.set(10);
		phase.accepted.set(7);
		phase.done.set(5);
		phase.refuse("503 overloaded", true, 0, 1);
		phase.mark("overload");
		assertThat(phase.marks).singleElement().satisfies((mark) -> {
			assertThat(mark.label()).isEqualTo("overload");
			assertThat(mark.sent()).isEqualTo(10);
			assertThat(mark.accepted()).isEqualTo(7);
			assertThat(mark.refused()).isEqualTo(1);
			assertThat(mark.done()).isEqualTo(5);
		});
	}

	private static OverloadScenario.TimedWindow window(long endSecond, double p99, long inFlight) {
		return new OverloadScenario.TimedWindow(endSecond * SECOND, new Phase.Window(
				new LatencySummary(10, p99 / 2, p99, p99, p99), LatencySummary.EMPTY, inFlight, 10, 0));
	}

}
