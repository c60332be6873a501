package dev.dbaas.pipeline.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Reads a JVM's compile queue on a daemon thread at a fixed delay while a window's
 * exercise runs on the caller's thread, for {@link JitSettle}.
 *
 * <p>
 * Thread-safe: each window has its own thread and samples.
 */
final class CompileQueueSampler implements JitSettle.QueueWatch {

	/**
	 * How long a read under way when the window ended may take to finish; a read that
	 * takes longer is left behind and its sample is not kept.
	 */
	private static final Duration LAST_READ = Duration.ofSeconds(5);

	private final Supplier<CompileQueue> read;

	private final Duration every;

	/**
	 * @param read reads the queue; {@link CompileQueue#NOT_READ} (or a runtime exception)
	 * if it cannot be read
	 * @param every the delay between the end of one read and the start of the next
	 */
	CompileQueueSampler(Supplier<CompileQueue> read, Duration every) {
		if (every.isNegative() || every.isZero()) {
			throw new IllegalArgumentException("Need a positive delay between reads, got " + every);
		}
		this.read = read;
		this.every = every;
	}

	@Override
	public CompileQueue now() {
		try {
			return this.read.get();
		}
		catch (RuntimeException ex) {
			return CompileQueue.NOT_READ;
		}
	}

	/**
	 * Reads the queue as the exercise starts and then every {@code every} until it ends.
	 */
	@Override
	public List<CompileQueue> during(JitSettle.Exercise exercise, Duration window) throws InterruptedException {
		List<CompileQueue> samples = Collections.synchronizedList(new ArrayList<>());
		ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("jit-queue"));
		try {
			timer.scheduleWithFixedDelay(() -> samples.add(now()), 0, this.every.toNanos(), TimeUnit.NANOSECONDS);
			exercise.run(window);
		}
		finally {
			timer.shutdownNow();
		}
		timer.awaitTermination(LAST_READ.toMillis(), TimeUnit.MILLISECONDS);
		synchronized (samples) {
			return List.copyOf(samples);
		}
	}

}
