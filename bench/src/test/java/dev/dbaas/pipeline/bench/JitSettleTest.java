package dev.dbaas.pipeline.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class JitSettleTest {

	private static final Duration WINDOW = Duration.ofSeconds(10);

	private final FakeJvm jvm = new FakeJvm();

	private final ByteArrayOutputStream console = new ByteArrayOutputStream();

	private JitSettle settle(Duration timeout) {
		return new JitSettle(() -> this.jvm.compileMillis, () -> this.jvm.nanos, WINDOW, timeout,
				new PrintStream(this.console, true, StandardCharsets.UTF_8));
	}

	private String console() {
		return this.console.toString(StandardCharsets.UTF_8);
	}

	@Test
	void runsWindowsOfTheExerciseUntilOneCompilesLessThanTwoPercentOfItsWallTime() throws InterruptedException {
		// 90, then 40, then 10 ms compiled per second of a 10 s window
		this.jvm.compiles(900, 400, 100, 0);

		JitSettle.Outcome outcome = settle(Duration.ofMinutes(5)).await("jit warm-up", this.jvm);

		assertThat(outcome.checked()).isTrue();
		assertThat(outcome.settled()).isTrue();
		assertThat(outcome.windows()).isEqualTo(3);
		assertThat(outcome.seconds()).isEqualTo(30.0);
		assertThat(outcome.lastMillisPerSecond()).isEqualTo(10.0);
		assertThat(this.jvm.windows).containsExactly(WINDOW, WINDOW, WINDOW);
		assertThat(console()).contains("[jit warm-up] window 1: 900 ms compiled in 10.0 s, 90.0 ms per s")
			.contains("[jit warm-up] window 3: 100 ms compiled in 10.0 s, 10.0 ms per s (settled below 20)")
			.contains("[jit warm-up] JIT settled after 30.0 s");
	}

	@Test
	void twoPercentItselfIsNotSettled() throws InterruptedException {
		this.jvm.compiles(200, 199);

		JitSettle.Outcome outcome = settle(Duration.ofMinutes(5)).await("jit", this.jvm);

		assertThat(outcome.settled()).isTrue();
		assertThat(outcome.windows()).isEqualTo(2);
		assertThat(outcome.lastMillisPerSecond()).isEqualTo(19.9);
	}

	@Test
	void aWindowIsAsLongAsItsExerciseTookNotAsLongAsAsked() throws InterruptedException {
		// a burst and its drain took 25 s: 400 ms compiled in it is 16 ms per s
		this.jvm.takes(Duration.ofSeconds(25)).compiles(400);

		JitSettle.Outcome outcome = settle(Duration.ofMinutes(5)).await("jit", this.jvm);

		assertThat(outcome.settled()).isTrue();
		assertThat(outcome.lastMillisPerSecond()).isEqualTo(16.0);
	}

	@Test
	void givesUpOnceTheTimeoutIsUpAndStartsNoWindowAfterIt() throws InterruptedException {
		this.jvm.compiles(5_000, 5_000, 5_000, 5_000, 5_000);

		JitSettle.Outcome outcome = settle(Duration.ofSeconds(25)).await("jit", this.jvm);

		assertThat(outcome.checked()).isTrue();
		assertThat(outcome.settled()).isFalse();
		// windows end at 10, 20 and 30 s: the third starts before the timeout, ends after
		// it
		assertThat(outcome.windows()).isEqualTo(3);
		assertThat(outcome.seconds()).isEqualTo(30.0);
		assertThat(outcome.lastMillisPerSecond()).isEqualTo(500.0);
		assertThat(outcome.how()).contains("gave up");
		assertThat(console()).contains("[jit] gave up waiting for the JIT after 30.0 s")
			.contains("figures that follow are of a JIT still compiling");
	}

	@Test
	void aTimeoutOfZeroWaitsForNothing() throws InterruptedException {
		this.jvm.compiles(5_000);

		JitSettle.Outcome outcome = settle(Duration.ZERO).await("jit", this.jvm);

		assertThat(outcome.checked()).isFalse();
		assertThat(outcome.how()).contains("--jit-settle-timeout=0");
		assertThat(this.jvm.windows).isEmpty();
		assertThat(console()).isEmpty();
	}

	@Test
	void aJvmWhoseCompilationTimeCannotBeReadIsNotWaitedFor() throws InterruptedException {
		this.jvm.compileMillis = -1;

		JitSettle.Outcome outcome = settle(Duration.ofMinutes(5)).await("jit", this.jvm);

		assertThat(outcome.checked()).isFalse();
		assertThat(outcome.settled()).isFalse();
		assertThat(this.jvm.windows).isEmpty();
		assertThat(outcome.toJson()).containsEntry("settled", false).containsEntry("windows", 0);
	}

	@Test
	void refusesAWindowOfZero() {
		assertThatIllegalArgumentException().isThrownBy(() -> new JitSettle(() -> 0, () -> 0, Duration.ZERO,
				Duration.ofMinutes(1), new PrintStream(this.console, true, StandardCharsets.UTF_8)));
	}

	/**
	 * A JVM whose clock and compilation time move only when an exercise runs: each window
	 * takes its time and compiles the next scripted amount.
	 */
	private static final class FakeJvm implements JitSettle.Exercise {

		long nanos = 1_000_000_000L;

		long compileMillis = 12_345;

		final List<Duration> windows = new ArrayList<>();

		private final Deque<Long> compiled = new ArrayDeque<>();

		private Duration takes;

		FakeJvm compiles(long... millisPerWindow) {
			for (long millis : millisPerWindow) {
				this.compiled.add(millis);
			}
			return this;
		}

		FakeJvm takes(Duration window) {
			this.takes = window;
			return this;
		}

		@Override
		public void run(Duration window) {
			this.windows.add(window);
			this.nanos += ((this.takes != null) ? this.takes : window).toNanos();
			this.compileMillis += this.compiled.remove();
		}

	}

}
