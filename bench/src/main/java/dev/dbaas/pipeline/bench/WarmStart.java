package dev.dbaas.pipeline.bench;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Starts each load scenario from the same state: the JVM warmed up once per run (a phase
 * of 200 orders/s), and the status view with no order left in NEW or PROCESSING by the
 * phase before.
 *
 * <p>
 * Not thread-safe; scenarios run one after the other.
 */
final class WarmStart {

	private final ScenarioContext context;

	private boolean warmedUp;

	WarmStart(ScenarioContext context) {
		this.context = context;
	}

	/**
	 * Runs the warm-up phase, the first time only.
	 * @param load the load to warm up with
	 */
	void warmUp(OrderLoad load) throws InterruptedException {
		if (!this.warmedUp) {
			load.fixedRate("warm-up", 200, this.context.quickOr(Duration.ofSeconds(3), Duration.ofSeconds(20)), true,
					Duration.ofSeconds(10), null, Duration.ofDays(1));
			this.warmedUp = true;
		}
	}

	/**
	 * Waits until the previous phase's backlog is gone ({@link CostMeter.Backlog}: no
	 * order NEW or PROCESSING in the status view, no consumer lag on the pipeline topics,
	 * empty outboxes, no provisioning job in flight), so that a phase measures its own
	 * orders and not the backlog of the one before (an overloaded phase leaves orders
	 * behind when its drain time is up). Gives up after a while and reports what was
	 * left; prints how long it waited and the load average either way.
	 * @param load where to read the view
	 * @param next the phase about to start, for the console
	 * @return what was left when it stopped waiting
	 */
	CostMeter.Backlog settle(OrderLoad load, String next) throws InterruptedException {
		CostMeter meter = this.context.meter();
		long started = System.nanoTime();
		long deadline = started + this.context.quickOr(Duration.ofSeconds(30), Duration.ofMinutes(3)).toNanos();
		CostMeter.Backlog backlog = meter.backlog(load);
		while (!backlog.gone() && System.nanoTime() < deadline) {
			TimeUnit.SECONDS.sleep(1);
			backlog = meter.backlog(load);
		}
		this.context.out()
			.printf(Locale.ROOT, "[%s] %s after %.1f s (%s); load average %.2f, %d cores%n", next,
					backlog.gone() ? "backlog gone" : "gave up waiting for the backlog",
					(System.nanoTime() - started) / 1e9, backlog, Machine.loadAverage(), Machine.cores());
		return backlog;
	}

}
