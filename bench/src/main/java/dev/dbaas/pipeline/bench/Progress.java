package dev.dbaas.pipeline.bench;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * The progress line of a running phase: rewritten in place every second on a terminal, a
 * new line every five seconds otherwise (logs, CI).
 */
final class Progress implements AutoCloseable {

	private final PrintStream out;

	private final boolean terminal;

	private final ScheduledExecutorService ticker = Executors
		.newSingleThreadScheduledExecutor(DaemonThreads.named("bench-progress"));

	private @Nullable ScheduledFuture<?> running;

	Progress(PrintStream out, boolean terminal) {
		this.out = out;
		this.terminal = terminal;
	}

	synchronized void begin(Phase phase) {
		stop();
		long period = this.terminal ? 1 : 5;
		this.running = this.ticker.scheduleAtFixedRate(() -> print(phase, false), period, period, TimeUnit.SECONDS);
	}

	synchronized void end(Phase phase) {
		stop();
		print(phase, true);
	}

	/**
	 * Says what a step of the run does, on a line of its own.
	 * @param message the step
	 */
	synchronized void step(String message) {
		this.out.println("== " + message);
	}

	private void stop() {
		if (this.running != null) {
			this.running.cancel(false);
			this.running = null;
		}
	}

	private synchronized void print(Phase phase, boolean last) {
		String line = line(phase);
		if (this.terminal) {
			this.out.print("\r" + line + (last ? "\n" : ""));
		}
		else {
			this.out.println(line);
		}
		this.out.flush();
	}

	static String line(Phase phase) {
		double elapsed = (System.nanoTime() - phase.started) / 1e9;
		return String.format(Locale.ROOT,
				"[%s] %5.1fs sent %,d accepted %,d (%,.0f/s) done %,d in flight %,d errors %,d", phase.name,
				Math.max(0, elapsed), phase.sent.get(), phase.accepted.get(), phase.acceptedPerSecond(),
				phase.done.get(), Math.max(0, phase.inFlight()), phase.errorCount());
	}

	@Override
	public void close() {
		this.ticker.shutdownNow();
	}

}
