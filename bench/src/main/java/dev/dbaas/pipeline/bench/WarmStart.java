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
	 * Waits until the status view shows no order in NEW or PROCESSING, so that a phase
	 * measures its own orders and not the backlog of the one before (an overloaded phase
	 * leaves orders behind when its drain time is up). Gives up after a while and reports
	 * what was left.
	 * @param load where to read the view
	 * @param next the phase about to start, for the console
	 * @return orders still unfinished when the phase starts ({@code -1}: unknown)
	 */
	long settle(OrderLoad load, String next) throws InterruptedException {
		long started = System.nanoTime();
		long deadline = started + this.context.quickOr(Duration.ofSeconds(15), Duration.ofMinutes(3)).toNanos();
		long unfinished = load.unfinishedInView();
		long before = unfinished;
		while (unfinished > 0 && System.nanoTime() < deadline) {
			TimeUnit.MILLISECONDS.sleep(500);
			unfinished = load.unfinishedInView();
		}
		if (before != 0) {
			this.context.out()
				.printf(Locale.ROOT, "[%s] waited %.1f s for %,d unfinished orders of earlier phases; %,d left%n", next,
						(System.nanoTime() - started) / 1e9, before, unfinished);
		}
		return unfinished;
	}

}
