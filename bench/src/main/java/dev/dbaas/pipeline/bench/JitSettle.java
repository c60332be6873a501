package dev.dbaas.pipeline.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Waits until the JIT compiler of the stack's JVM has settled, so that a measured window
 * runs on compiled code and not beside a compiler thread busy with a queue of methods (on
 * two cores the launcher's C2 thread takes one of them for minutes after its start, and
 * the CPU per order measured then is twice the warm one). The JIT is settled once its
 * compilation time ({@code CompilationMXBean.getTotalCompilationTime()}, summed over the
 * compiler threads) grew by less than {@value #SETTLED_MS_PER_SECOND} ms per second of
 * wall time (2 %) over one window. The JIT compiles only what runs, so each window runs
 * an {@link Exercise}: a burst of the load the scenarios measure, so that a quiet window
 * says that this load compiles nothing new any more (a window without load would only say
 * that the queue is empty, while methods the load still runs in the interpreter or in C1
 * code wait for their next calls to be compiled), or, before the baselines, which do not
 * run the pipeline's code, no load at all. Windows follow one another until one is quiet
 * or the timeout is up; no window starts after that, so the wait is at most the timeout
 * plus one window.
 *
 * <p>
 * Not thread-safe; scenarios run one after the other. The clock and the compilation time
 * are given, so that the logic runs without a JVM to watch and without waiting.
 */
final class JitSettle {

	/** Compilation time per second of wall time below which the JIT is settled. */
	static final double SETTLED_MS_PER_SECOND = 20;

	private final LongSupplier compileMillis;

	private final LongSupplier nanoClock;

	private final Duration window;

	private final Duration timeout;

	private final PrintStream out;

	/**
	 * @param compileMillis the JVM's compilation time so far, ms, or {@code -1} if it
	 * cannot be read
	 * @param nanoClock the time, nanoseconds ({@link System#nanoTime()})
	 * @param window the length of each window's exercise
	 * @param timeout how long to wait at most; {@link Duration#ZERO}: do not wait
	 * @param out the console, for the progress of the wait
	 */
	JitSettle(LongSupplier compileMillis, LongSupplier nanoClock, Duration window, Duration timeout, PrintStream out) {
		if (window.isNegative() || window.isZero() || timeout.isNegative()) {
			throw new IllegalArgumentException(
					"Need a positive window and a timeout of zero or more, got " + window + " and " + timeout);
		}
		this.compileMillis = compileMillis;
		this.nanoClock = nanoClock;
		this.window = window;
		this.timeout = timeout;
		this.out = out;
	}

	/**
	 * Runs windows of the exercise until the JIT is settled or the timeout is up, and
	 * prints each window's figure and the outcome.
	 * @param label the wait's name on the console, e.g. {@code jit warm-up}
	 * @param exercise what runs in each window
	 * @return the outcome
	 */
	Outcome await(String label, Exercise exercise) throws InterruptedException {
		if (this.timeout.isZero()) {
			return Outcome.notChecked("--jit-settle-timeout=0");
		}
		long started = this.nanoClock.getAsLong();
		long compiled = this.compileMillis.getAsLong();
		if (compiled < 0) {
			return Outcome.notChecked("the JIT compilation time of the stack's JVM cannot be read");
		}
		long deadline = started + this.timeout.toNanos();
		int windows = 0;
		while (true) {
			long windowStart = this.nanoClock.getAsLong();
			exercise.run(this.window);
			long now = this.nanoClock.getAsLong();
			long compiledNow = this.compileMillis.getAsLong();
			if (compiledNow < 0) {
				return Outcome.notChecked("the JIT compilation time of the stack's JVM could not be read any more");
			}
			windows++;
			double seconds = Math.max(1e-3, (now - windowStart) / 1e9);
			double perSecond = (compiledNow - compiled) / seconds;
			boolean settled = perSecond < SETTLED_MS_PER_SECOND;
			boolean timeUp = now - deadline >= 0;
			double waited = (now - started) / 1e9;
			this.out.printf(Locale.ROOT,
					"[%s] window %d: %,d ms compiled in %.1f s, %.1f ms per s (settled below %.0f);"
							+ " %.0f s of at most %d s%n",
					label, windows, compiledNow - compiled, seconds, perSecond, SETTLED_MS_PER_SECOND, waited,
					this.timeout.toSeconds());
			if (settled || timeUp) {
				Outcome outcome = new Outcome(true, settled, windows, waited, perSecond,
						settled ? "settled" : "gave up after --jit-settle-timeout=" + this.timeout.toSeconds() + "s");
				this.out.printf(Locale.ROOT, "[%s] %s after %.1f s%s%n", label,
						settled ? "JIT settled" : "gave up waiting for the JIT", waited,
						settled ? "" : ": the figures that follow are of a JIT still compiling");
				return outcome;
			}
			compiled = compiledNow;
		}
	}

	/**
	 * What runs in a window: load, or nothing.
	 */
	@FunctionalInterface
	interface Exercise {

		/**
		 * Runs for about one window.
		 * @param window how long
		 */
		void run(Duration window) throws InterruptedException;

	}

	/**
	 * How a wait ended.
	 *
	 * @param checked whether the JIT was watched at all
	 * @param settled whether its last window was quiet
	 * @param windows windows run
	 * @param seconds how long the wait took
	 * @param lastMillisPerSecond compilation time per second in the last window, or
	 * {@code NaN} if none ran
	 * @param how {@code settled}, why it gave up, or why it did not watch
	 */
	record Outcome(boolean checked, boolean settled, int windows, double seconds, double lastMillisPerSecond,
			String how) {

		static Outcome notChecked(String why) {
			return new Outcome(false, false, 0, 0, Double.NaN, "not checked: " + why);
		}

		/**
		 * The outcome for the JSON report.
		 * @return its fields
		 */
		Map<String, Object> toJson() {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("settled", this.settled);
			json.put("how", this.how);
			json.put("windows", this.windows);
			json.put("seconds", Report.round(this.seconds));
			json.put("lastWindowCompileMsPerSecond", Report.round(this.lastMillisPerSecond));
			return json;
		}

	}

}
