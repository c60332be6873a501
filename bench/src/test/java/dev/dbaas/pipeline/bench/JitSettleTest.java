package dev.dbaas.pipeline.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
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
		return new JitSettle(() -> this.jvm.compileMillis, this.jvm, () -> this.jvm.nanos, WINDOW, timeout,
				new PrintStream(this.console, true, StandardCharsets.UTF_8));
	}

	private String console() {
		return this.console.toString(StandardCharsets.UTF_8);
	}

	@Test
	void runsWindowsOfTheExerciseUntilC2HadAtMostTwoTasksQueuedInNinetyPercentOfAWindowsSamples()
			throws InterruptedException {
		this.jvm.c2Queue(40, 38, 35, 30, 31, 28, 25, 20, 22, 18)
			.c2Queue(5, 3, 2, 1, 0, 0, 0, 0, 0, 0)
			.c2Queue(0, 0, 0, 1, 2, 0, 0, 0, 0, 9);

		JitSettle.Outcome outcome = settle(Duration.ofMinutes(5)).await("jit warm-up", this.jvm);

		assertThat(outcome.checked()).isTrue();
		assertThat(outcome.settled()).isTrue();
		assertThat(outcome.criterion()).isEqualTo("compile queue");
		assertThat(outcome.windows()).isEqualTo(3);
		assertThat(outcome.seconds()).isEqualTo(30.0);
		assertThat(outcome.lastQueue()).isEqualTo(new JitSettle.QueueFigures(10, 9, 0, 9, 0));
		assertThat(outcome.lastQueue().settledShare()).isEqualTo(0.9);
		assertThat(this.jvm.windows).containsExactly(WINDOW, WINDOW, WINDOW);
		assertThat(console())
			.contains("[jit warm-up] window 1: C2 queue at most 2 in 0 of 10 samples (0 %, settled from 90 %),"
					+ " median 29, max 40; C1 queue median 0;")
			.contains("[jit warm-up] window 2: C2 queue at most 2 in 8 of 10 samples (80 %, settled from 90 %),"
					+ " median 0, max 5;")
			.contains("[jit warm-up] window 3: C2 queue at most 2 in 9 of 10 samples (90 %, settled from 90 %),"
					+ " median 0, max 9; C1 queue median 0; 0 ms compiled in 10.0 s, 0.0 ms per s (not the"
					+ " criterion); 30 s of at most 300 s")
			.contains("[jit warm-up] JIT settled after 30.0 s");
	}

	@Test
	void theCompilationTimeDoesNotDecideWhileTheQueueIsRead() throws InterruptedException {
		// the lead's measurements: ~1000 ms per s on two saturated cores with C2 still
		// busy, 50-150 ms per s idle with an empty queue
		this.jvm.c2Queue(12, 9, 14, 8, 11, 10, 7, 13, 9, 10)
			.compiles(10_000)
			.c2Queue(0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
			.compiles(1_500);

		JitSettle.Outcome outcome = settle(Duration.ofMinutes(5)).await("jit", this.jvm);

		assertThat(outcome.settled()).isTrue();
		assertThat(outcome.windows()).isEqualTo(2);
		assertThat(outcome.lastMillisPerSecond()).isEqualTo(150.0);
		assertThat(console()).contains("window 1: C2 queue at most 2 in 0 of 10 samples")
			.contains("10,000 ms compiled in 10.0 s, 1000.0 ms per s (not the criterion)")
			.contains("1,500 ms compiled in 10.0 s, 150.0 ms per s (not the criterion)");
	}

	@Test
	void eightOfTenSettledSamplesAreNotEnough() throws InterruptedException {
		this.jvm.c2Queue(0, 0, 0, 0, 0, 0, 0, 0, 3, 3).c2Queue(2, 2, 2, 2, 2, 2, 2, 2, 2, 2);

		JitSettle.Outcome outcome = settle(Duration.ofMinutes(5)).await("jit", this.jvm);

		assertThat(outcome.settled()).isTrue();
		assertThat(outcome.windows()).isEqualTo(2);
		assertThat(outcome.lastQueue().c2Median()).isEqualTo(2.0);
	}

	@Test
	void givesUpWhileTheQueueStaysLongOnceTheTimeoutIsUpAndStartsNoWindowAfterIt() throws InterruptedException {
		for (int i = 0; i < 5; i++) {
			this.jvm.c2Queue(60, 55, 50, 48, 3, 2, 1, 40, 45, 42);
		}

		JitSettle.Outcome outcome = settle(Duration.ofSeconds(25)).await("jit", this.jvm);

		assertThat(outcome.checked()).isTrue();
		assertThat(outcome.settled()).isFalse();
		// windows end at 10, 20 and 30 s: the third starts before the timeout, ends after
		// it
		assertThat(outcome.windows()).isEqualTo(3);
		assertThat(outcome.seconds()).isEqualTo(30.0);
		assertThat(outcome.lastQueue()).isEqualTo(new JitSettle.QueueFigures(10, 2, 43.5, 60, 0));
		assertThat(outcome.how()).contains("gave up");
		assertThat(outcome.toJson()).containsEntry("settled", false)
			.containsEntry("criterion", "compile queue")
			.containsEntry("lastWindowQueueSamples", 10)
			.containsEntry("lastWindowC2QueueMedian", 43.5)
			.containsEntry("lastWindowC2QueueMax", 60.0)
			.containsEntry("lastWindowSettledShare", 0.2);
		assertThat(console()).contains("[jit] gave up waiting for the JIT after 30.0 s")
			.contains("figures that follow are of a JIT still compiling");
	}

	@Test
	void leavesOutTheSamplesNotReadAndJudgesByTheOthers() throws InterruptedException {
		this.jvm.samples(CompileQueue.NOT_READ, CompileQueue.NOT_READ, queued(0), queued(1), queued(0), queued(0),
				queued(2), queued(0), queued(0), queued(0));

		JitSettle.Outcome outcome = settle(Duration.ofMinutes(5)).await("jit", this.jvm);

		assertThat(outcome.settled()).isTrue();
		assertThat(outcome.lastQueue().samples()).isEqualTo(8);
		assertThat(outcome.lastQueue().settledShare()).isEqualTo(1.0);
	}

	@Test
	void waitsOnTheQueueAloneWhenTheCompilationTimeCannotBeRead() throws InterruptedException {
		this.jvm.compileMillis = -1;
		this.jvm.c2Queue(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

		JitSettle.Outcome outcome = settle(Duration.ofMinutes(5)).await("jit", this.jvm);

		assertThat(outcome.settled()).isTrue();
		assertThat(outcome.lastMillisPerSecond()).isNaN();
		assertThat(outcome.toJson()).containsEntry("lastWindowCompileMsPerSecond", Double.NaN);
		assertThat(console()).contains("compilation time not read (not the criterion)");
	}

	@Test
	void fallsBackToTheCompilationTimeWhenTheQueueCannotBeReadAndSaysSo() throws InterruptedException {
		// 90, then 40, then 10 ms compiled per second of a 10 s window
		this.jvm.queueNotRead().compiles(900, 400, 100, 0);

		JitSettle.Outcome outcome = settle(Duration.ofMinutes(5)).await("jit warm-up", this.jvm);

		assertThat(outcome.checked()).isTrue();
		assertThat(outcome.settled()).isTrue();
		assertThat(outcome.criterion()).isEqualTo("compile time");
		assertThat(outcome.windows()).isEqualTo(3);
		assertThat(outcome.seconds()).isEqualTo(30.0);
		assertThat(outcome.lastMillisPerSecond()).isEqualTo(10.0);
		assertThat(outcome.lastQueue()).isEqualTo(JitSettle.QueueFigures.NONE);
		assertThat(this.jvm.windows).containsExactly(WINDOW, WINDOW, WINDOW);
		assertThat(this.jvm.sampledWindows).isZero();
		assertThat(console())
			.contains("[jit warm-up] the C2 compile queue of the stack's JVM cannot be read: settled by its"
					+ " compilation time instead (below 20 ms per s")
			.contains("[jit warm-up] window 1: 900 ms compiled in 10.0 s, 90.0 ms per s")
			.contains("[jit warm-up] window 3: 100 ms compiled in 10.0 s, 10.0 ms per s (settled below 20)")
			.contains("[jit warm-up] JIT settled after 30.0 s");
	}

	@Test
	void byTheCompilationTimeTwoPercentItselfIsNotSettled() throws InterruptedException {
		this.jvm.queueNotRead().compiles(200, 199);

		JitSettle.Outcome outcome = settle(Duration.ofMinutes(5)).await("jit", this.jvm);

		assertThat(outcome.settled()).isTrue();
		assertThat(outcome.windows()).isEqualTo(2);
		assertThat(outcome.lastMillisPerSecond()).isEqualTo(19.9);
	}

	@Test
	void aWindowIsAsLongAsItsExerciseTookNotAsLongAsAsked() throws InterruptedException {
		// a burst and its drain took 25 s: 400 ms compiled in it is 16 ms per s
		this.jvm.queueNotRead().takes(Duration.ofSeconds(25)).compiles(400);

		JitSettle.Outcome outcome = settle(Duration.ofMinutes(5)).await("jit", this.jvm);

		assertThat(outcome.settled()).isTrue();
		assertThat(outcome.lastMillisPerSecond()).isEqualTo(16.0);
	}

	@Test
	void switchesToTheCompilationTimeWhenTheQueueIsNotReadAnyMore() throws InterruptedException {
		this.jvm.c2Queue(30, 30, 30)
			.compiles(3_000)
			.samples(CompileQueue.NOT_READ, CompileQueue.NOT_READ)
			.compiles(1_000)
			.compiles(100);

		JitSettle.Outcome outcome = settle(Duration.ofMinutes(5)).await("jit", this.jvm);

		assertThat(outcome.settled()).isTrue();
		assertThat(outcome.criterion()).isEqualTo("compile time");
		assertThat(outcome.windows()).isEqualTo(3);
		assertThat(this.jvm.sampledWindows).isEqualTo(2);
		assertThat(console())
			.contains("[jit] the C2 compile queue of the stack's JVM was not read in window 2:"
					+ " settled by its compilation time from now on")
			.contains("[jit] window 3: 100 ms compiled in 10.0 s, 10.0 ms per s (settled below 20)");
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
	void aJvmWhoseQueueAndCompilationTimeCannotBeReadIsNotWaitedFor() throws InterruptedException {
		this.jvm.queueNotRead();
		this.jvm.compileMillis = -1;

		JitSettle.Outcome outcome = settle(Duration.ofMinutes(5)).await("jit", this.jvm);

		assertThat(outcome.checked()).isFalse();
		assertThat(outcome.settled()).isFalse();
		assertThat(outcome.how()).contains("neither the C2 compile queue nor the JIT compilation time");
		assertThat(this.jvm.windows).isEmpty();
		assertThat(outcome.toJson()).containsEntry("settled", false)
			.containsEntry("windows", 0)
			.containsEntry("criterion", "none")
			.containsEntry("lastWindowQueueSamples", 0)
			.containsEntry("lastWindowC2QueueMedian", Double.NaN)
			.containsEntry("lastWindowSettledShare", Double.NaN);
	}

	@Test
	void keepsTheJsonFieldsOfTheCompileTimeCriterionFirst() throws InterruptedException {
		this.jvm.c2Queue(0, 0, 0, 0, 0, 0, 0, 0, 0, 0).compiles(500);

		JitSettle.Outcome outcome = settle(Duration.ofMinutes(5)).await("jit", this.jvm);

		assertThat(outcome.toJson()).containsKeys("settled", "how", "windows", "seconds",
				"lastWindowCompileMsPerSecond", "criterion", "lastWindowQueueSamples", "lastWindowC2QueueMedian",
				"lastWindowC2QueueMax", "lastWindowC1QueueMedian", "lastWindowSettledShare");
		assertThat(outcome.toJson().keySet()).startsWith("settled", "how", "windows", "seconds",
				"lastWindowCompileMsPerSecond");
		assertThat(outcome.toJson()).containsEntry("lastWindowCompileMsPerSecond", 50.0)
			.containsEntry("lastWindowSettledShare", 1.0);
	}

	@Test
	void refusesAWindowOfZero() {
		assertThatIllegalArgumentException().isThrownBy(() -> new JitSettle(() -> 0, this.jvm, () -> 0, Duration.ZERO,
				Duration.ofMinutes(1), new PrintStream(this.console, true, StandardCharsets.UTF_8)));
	}

	private static CompileQueue queued(int c2) {
		return new CompileQueue(1, 0, c2);
	}

	/**
	 * A JVM whose clock, compilation time and compile queue move only when an exercise
	 * runs: each window takes its time, compiles the next scripted amount (none if none
	 * is left) and yields the next scripted samples of the queue.
	 */
	private static final class FakeJvm implements JitSettle.Exercise, JitSettle.QueueWatch {

		long nanos = 1_000_000_000L;

		long compileMillis = 12_345;

		final List<Duration> windows = new ArrayList<>();

		int sampledWindows;

		private final Deque<Long> compiled = new ArrayDeque<>();

		private final Deque<List<CompileQueue>> samples = new ArrayDeque<>();

		private boolean queueRead = true;

		private Duration takes;

		FakeJvm compiles(long... millisPerWindow) {
			for (long millis : millisPerWindow) {
				this.compiled.add(millis);
			}
			return this;
		}

		/** One window's samples, with these tasks queued for C2 and none for C1. */
		FakeJvm c2Queue(int... c2PerSample) {
			return samples(Arrays.stream(c2PerSample).mapToObj(JitSettleTest::queued).toArray(CompileQueue[]::new));
		}

		FakeJvm samples(CompileQueue... window) {
			this.samples.add(List.of(window));
			return this;
		}

		FakeJvm queueNotRead() {
			this.queueRead = false;
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
			if (this.compileMillis >= 0) {
				this.compileMillis += this.compiled.isEmpty() ? 0 : this.compiled.remove();
			}
		}

		@Override
		public CompileQueue now() {
			return this.queueRead ? queued(0) : CompileQueue.NOT_READ;
		}

		@Override
		public List<CompileQueue> during(JitSettle.Exercise exercise, Duration window) throws InterruptedException {
			this.sampledWindows++;
			exercise.run(window);
			return this.samples.remove();
		}

	}

}
