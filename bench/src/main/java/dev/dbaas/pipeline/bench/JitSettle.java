package dev.dbaas.pipeline.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Waits until the JIT compiler of the stack's JVM has settled, so that a measured window
 * runs on compiled code and not beside a compiler thread busy with a queue of methods (on
 * two cores the launcher's C2 thread takes one of them for minutes after its start, and
 * the CPU per order measured then is twice the warm one).
 *
 * <p>
 * The JIT is settled when its C2 compile queue (tier 4, {@link CompileQueue}) is nearly
 * empty while the load runs: the queue is read about once a second during each window
 * ({@link QueueWatch}), and a window is settled when at most {@value #SETTLED_C2_QUEUE}
 * tasks were queued for C2 in at least 90 % ({@link #SETTLED_SHARE}) of its samples. The
 * compilation time ({@code CompilationMXBean.getTotalCompilationTime()}) is still printed
 * per window, but it does not decide: it is elapsed time summed over the compiler
 * threads, not CPU time and not work left, so on a saturated two-core machine it grew by
 * about 1000 ms per second of wall time and a wait on it never ended, and even idle, with
 * an empty queue, it grew by 50 to 150 ms per second. Only where the queue cannot be read
 * (no HotSpot {@code DiagnosticCommand} MBean, a JVM without C2) does the compilation
 * time decide, as before: settled below {@value #SETTLED_MS_PER_SECOND} ms per second,
 * which the console then says.
 *
 * <p>
 * The JIT compiles only what runs, so each window runs an {@link Exercise}: a burst of
 * the load the scenarios measure, so that a settled window says that this load queues
 * next to nothing for C2 any more (a window without load would only say that the queue is
 * empty, while methods the load still runs in the interpreter or in C1 code wait for
 * their next calls to be queued), or, before the baselines, which do not run the
 * pipeline's code, no load at all. Windows follow one another until one is settled or the
 * timeout is up; no window starts after that, so the wait is at most the timeout plus one
 * window.
 *
 * <p>
 * Not thread-safe; scenarios run one after the other. The clock, the compilation time and
 * the sampling of the queue are given, so that the logic runs without a JVM to watch and
 * without waiting.
 */
final class JitSettle {

	/** Tasks queued for C2 up to which a sample of the queue counts as settled. */
	static final int SETTLED_C2_QUEUE = 2;

	/** Share of a window's samples that must be settled for the window to be. */
	static final double SETTLED_SHARE = 0.9;

	/**
	 * Compilation time per second of wall time below which the JIT counts as settled
	 * where its compile queue cannot be read.
	 */
	static final double SETTLED_MS_PER_SECOND = 20;

	private final LongSupplier compileMillis;

	private final QueueWatch queue;

	private final LongSupplier nanoClock;

	private final Duration window;

	private final Duration timeout;

	private final PrintStream out;

	/**
	 * @param compileMillis the JVM's compilation time so far, ms, or {@code -1} if it
	 * cannot be read
	 * @param queue reads the JVM's compile queue, during the windows too
	 * @param nanoClock the time, nanoseconds ({@link System#nanoTime()})
	 * @param window the length of each window's exercise
	 * @param timeout how long to wait at most; {@link Duration#ZERO}: do not wait
	 * @param out the console, for the progress of the wait
	 */
	JitSettle(LongSupplier compileMillis, QueueWatch queue, LongSupplier nanoClock, Duration window, Duration timeout,
			PrintStream out) {
		if (window.isNegative() || window.isZero() || timeout.isNegative()) {
			throw new IllegalArgumentException(
					"Need a positive window and a timeout of zero or more, got " + window + " and " + timeout);
		}
		this.compileMillis = compileMillis;
		this.queue = queue;
		this.nanoClock = nanoClock;
		this.window = window;
		this.timeout = timeout;
		this.out = out;
	}

	/**
	 * Runs windows of the exercise until the JIT is settled or the timeout is up, and
	 * prints each window's figures and the outcome.
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
		Criterion criterion = this.queue.now().readsC2() ? Criterion.COMPILE_QUEUE : Criterion.COMPILE_TIME;
		if (criterion == Criterion.COMPILE_TIME) {
			if (compiled < 0) {
				return Outcome.notChecked(
						"neither the C2 compile queue nor the JIT compilation time of the stack's JVM can be read");
			}
			this.out.printf(Locale.ROOT,
					"[%s] the C2 compile queue of the stack's JVM cannot be read: settled by its compilation time"
							+ " instead (below %.0f ms per s; it sums elapsed time over the compiler threads and"
							+ " reads high on busy cores)%n",
					label, SETTLED_MS_PER_SECOND);
		}
		long deadline = started + this.timeout.toNanos();
		int windows = 0;
		while (true) {
			long windowStart = this.nanoClock.getAsLong();
			List<CompileQueue> samples = List.of();
			if (criterion == Criterion.COMPILE_QUEUE) {
				samples = this.queue.during(exercise, this.window);
			}
			else {
				exercise.run(this.window);
			}
			long now = this.nanoClock.getAsLong();
			long compiledNow = this.compileMillis.getAsLong();
			windows++;
			QueueFigures queued = QueueFigures.of(samples);
			if (criterion == Criterion.COMPILE_QUEUE && queued.samples() == 0) {
				if (compiled < 0 || compiledNow < 0) {
					return Outcome.notChecked(
							"the C2 compile queue of the stack's JVM could not be read any more, nor its compilation time");
				}
				criterion = Criterion.COMPILE_TIME;
				this.out.printf(Locale.ROOT,
						"[%s] the C2 compile queue of the stack's JVM was not read in window %d: settled by its"
								+ " compilation time from now on (below %.0f ms per s)%n",
						label, windows, SETTLED_MS_PER_SECOND);
			}
			else if (criterion == Criterion.COMPILE_TIME && compiledNow < 0) {
				return Outcome.notChecked("the JIT compilation time of the stack's JVM could not be read any more");
			}
			double seconds = Math.max(1e-3, (now - windowStart) / 1e9);
			double perSecond = (compiled >= 0 && compiledNow >= 0) ? (compiledNow - compiled) / seconds : Double.NaN;
			boolean settled = (criterion == Criterion.COMPILE_QUEUE) ? queued.settledShare() >= SETTLED_SHARE
					: perSecond < SETTLED_MS_PER_SECOND;
			boolean timeUp = now - deadline >= 0;
			double waited = (now - started) / 1e9;
			String compileTime = Double.isNaN(perSecond) ? "compilation time not read" : String.format(Locale.ROOT,
					"%,d ms compiled in %.1f s, %.1f ms per s", compiledNow - compiled, seconds, perSecond);
			if (criterion == Criterion.COMPILE_QUEUE) {
				this.out.printf(Locale.ROOT,
						"[%s] window %d: C2 queue at most %d in %d of %d samples (%.0f %%, settled from %.0f %%),"
								+ " median %s, max %d; C1 queue median %s; %s (not the criterion); %.0f s of at most"
								+ " %d s%n",
						label, windows, SETTLED_C2_QUEUE, queued.settledSamples(), queued.samples(),
						queued.settledShare() * 100, SETTLED_SHARE * 100, figure(queued.c2Median()), queued.c2Max(),
						figure(queued.c1Median()), compileTime, waited, this.timeout.toSeconds());
			}
			else {
				this.out.printf(Locale.ROOT, "[%s] window %d: %s (settled below %.0f); %.0f s of at most %d s%n", label,
						windows, compileTime, SETTLED_MS_PER_SECOND, waited, this.timeout.toSeconds());
			}
			if (settled || timeUp) {
				Outcome outcome = new Outcome(true, settled, windows, waited, criterion.label, perSecond, queued,
						settled ? "settled" : "gave up after --jit-settle-timeout=" + this.timeout.toSeconds() + "s");
				this.out.printf(Locale.ROOT, "[%s] %s after %.1f s%s%n", label,
						settled ? "JIT settled" : "gave up waiting for the JIT", waited,
						settled ? "" : ": the figures that follow are of a JIT still compiling");
				return outcome;
			}
			compiled = compiledNow;
		}
	}

	private static String figure(double value) {
		if (Double.isNaN(value)) {
			return "not read";
		}
		return (value == Math.rint(value)) ? String.format(Locale.ROOT, "%.0f", value)
				: String.format(Locale.ROOT, "%.1f", value);
	}

	private enum Criterion {

		COMPILE_QUEUE("compile queue"), COMPILE_TIME("compile time");

		private final String label;

		Criterion(String label) {
			this.label = label;
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
	 * Reads the compile queue of the JVM waited for.
	 */
	interface QueueWatch {

		/**
		 * Reads the queue once.
		 * @return the queue, or {@link CompileQueue#NOT_READ}
		 */
		CompileQueue now();

		/**
		 * Runs a window's exercise on the calling thread and reads the queue about once a
		 * second while it runs.
		 * @param exercise what runs in the window
		 * @param window how long it runs
		 * @return the samples in the order read, those not read included
		 */
		List<CompileQueue> during(Exercise exercise, Duration window) throws InterruptedException;

	}

	/**
	 * A window's samples of the compile queue, those read.
	 *
	 * @param samples samples in which the C2 queue was read
	 * @param settledSamples those of them with at most {@value #SETTLED_C2_QUEUE} tasks
	 * queued for C2
	 * @param c2Median the median of the C2 queue, or {@code NaN} without samples
	 * @param c2Max the longest C2 queue, or {@code -1} without samples
	 * @param c1Median the median of the C1 queue, or {@code NaN} if it was not read
	 */
	record QueueFigures(int samples, int settledSamples, double c2Median, int c2Max, double c1Median) {

		/** No sample read. */
		static final QueueFigures NONE = new QueueFigures(0, 0, Double.NaN, -1, Double.NaN);

		/**
		 * The figures of a window's samples; samples in which the C2 queue was not read
		 * are left out.
		 * @param samples the window's samples
		 * @return the figures, {@link #NONE} if none was read
		 */
		static QueueFigures of(List<CompileQueue> samples) {
			int[] c2 = samples.stream().filter(CompileQueue::readsC2).mapToInt(CompileQueue::c2).sorted().toArray();
			if (c2.length == 0) {
				return NONE;
			}
			int[] c1 = samples.stream()
				.filter(CompileQueue::readsC2)
				.mapToInt(CompileQueue::c1)
				.filter((length) -> length >= 0)
				.sorted()
				.toArray();
			int settled = (int) Arrays.stream(c2).filter((length) -> length <= SETTLED_C2_QUEUE).count();
			return new QueueFigures(c2.length, settled, median(c2), c2[c2.length - 1], median(c1));
		}

		private static double median(int[] sorted) {
			if (sorted.length == 0) {
				return Double.NaN;
			}
			int middle = sorted.length / 2;
			return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
		}

		/**
		 * The share of the samples that were settled.
		 * @return 0 to 1, or {@code NaN} without samples
		 */
		double settledShare() {
			return (this.samples > 0) ? (double) this.settledSamples / this.samples : Double.NaN;
		}

	}

	/**
	 * How a wait ended.
	 *
	 * @param checked whether the JIT was watched at all
	 * @param settled whether its last window was settled
	 * @param windows windows run
	 * @param seconds how long the wait took
	 * @param criterion what decided: {@code compile queue}, {@code compile time} (the
	 * queue could not be read), or {@code none} (not checked)
	 * @param lastMillisPerSecond compilation time per second in the last window, or
	 * {@code NaN} if none ran or it was not read
	 * @param lastQueue the compile queue in the last window; {@link QueueFigures#NONE} if
	 * it was not read
	 * @param how {@code settled}, why it gave up, or why it did not watch
	 */
	record Outcome(boolean checked, boolean settled, int windows, double seconds, String criterion,
			double lastMillisPerSecond, QueueFigures lastQueue, String how) {

		static Outcome notChecked(String why) {
			return new Outcome(false, false, 0, 0, "none", Double.NaN, QueueFigures.NONE, "not checked: " + why);
		}

		/**
		 * The outcome for the JSON report.
		 * @return its fields; a figure not read is {@code NaN} (null in the JSON)
		 */
		Map<String, Object> toJson() {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("settled", this.settled);
			json.put("how", this.how);
			json.put("windows", this.windows);
			json.put("seconds", Report.round(this.seconds));
			json.put("lastWindowCompileMsPerSecond", Report.round(this.lastMillisPerSecond));
			json.put("criterion", this.criterion);
			json.put("lastWindowQueueSamples", this.lastQueue.samples());
			json.put("lastWindowC2QueueMedian", Report.round(this.lastQueue.c2Median()));
			json.put("lastWindowC2QueueMax",
					(this.lastQueue.samples() > 0) ? (double) this.lastQueue.c2Max() : Double.NaN);
			json.put("lastWindowC1QueueMedian", Report.round(this.lastQueue.c1Median()));
			json.put("lastWindowSettledShare", Report.round(this.lastQueue.settledShare()));
			return json;
		}

	}

}
