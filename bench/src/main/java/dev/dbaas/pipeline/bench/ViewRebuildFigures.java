package dev.dbaas.pipeline.bench;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * The view-rebuild scenario's figures: the replay rate of a {@link ViewRebuildScenario}
 * next to the raw batched-upsert baseline, with the target of at least 20,000 events/s
 * and a ratio of at least 0.30.
 */
final class ViewRebuildFigures {

	private final ScenarioContext context;

	ViewRebuildFigures(ScenarioContext context) {
		this.context = context;
	}

	/**
	 * Rebuilds the view and reports the rate.
	 * @param target the stack
	 * @param token a bearer token allowed to rebuild, or empty
	 */
	void run(BenchOptions target, String token) throws Exception {
		Report report = this.context.report();
		ViewRebuildScenario.Rebuild rebuild = ViewRebuildScenario.run(target.statusUrl(), token,
				target.bootstrapServers(), Duration.ofMinutes(15));
		double upsert = this.context.baseline("upsert");
		double rate = rebuild.perSecond();
		report.add(
				new Report.Figure("view-rebuild", String.format(Locale.ROOT, "rebuild of %,d events", rebuild.events()),
						rate, "events/s", "raw batched upsert", upsert, ">= 20,000/s and ratio >= 0.30",
						rate >= 20_000 && !Double.isNaN(upsert) && rate / upsert >= 0.30));
		report.detail("view-rebuild", Map.of("events", rebuild.events(), "seconds",
				Report.round(rebuild.elapsed().toMillis() / 1000.0), "eventsPerSecond", Report.round(rate)));
	}

}
