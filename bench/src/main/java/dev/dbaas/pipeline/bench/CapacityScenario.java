package dev.dbaas.pipeline.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The stack's sustained capacity: the highest fixed rate at which orders reach DONE with
 * a p99 from intended send to DONE within {@value #P99_LIMIT_MS} ms, found by
 * {@link CapacitySearch} over steps of {@code --capacity-step}, each step starting only
 * once the previous one's backlog is gone. The capacity goes into the run's baselines for
 * the overload and the soak ({@link ScenarioContext#capacity()}); the cost per DONE order
 * is that of the highest sustained step. With {@code --capacity=N} the search is skipped
 * and N is reported as given.
 */
final class CapacityScenario extends LoadScenario {

	/** p99 from intended send to DONE within which a rate counts as sustained. */
	static final double P99_LIMIT_MS = 1000;

	/** Issue 19's target for the capacity. */
	static final int TARGET_PER_SECOND = 500;

	/**
	 * At most this share of a step's orders may be refused, fail or stay unfinished for
	 * the step to count as sustained.
	 */
	static final double LOST_SHARE = 0.01;

	CapacityScenario(ScenarioContext context, WarmStart start) {
		super(context, start);
	}

	@Override
	void measure(OrderLoad load, Report report) throws InterruptedException {
		ScenarioContext ctx = this.context;
		BenchOptions.Capacity options = ctx.options().capacity();
		if (options.given() > 0) {
			report.figure("capacity", "capacity given with --capacity (not measured)", options.given(), "/s");
			return;
		}
		CapacitySearch search = new CapacitySearch(options.start(), options.max(), ctx.quickOr(5, 10));
		List<Object> steps = new ArrayList<>();
		Phase best = null;
		OrderCost bestCost = null;
		CostMeter.Backlog bestLeft = null;
		ClientCost bestClient = null;
		for (OptionalInt next = search.next(); next.isPresent(); next = search.next()) {
			int rate = next.getAsInt();
			String name = "capacity " + rate + "/s";
			long backlog = this.start.settle(load, name).view();
			CostSample costBefore = ctx.meter().sample(load);
			ClientCost.Start client = ClientCost.start(load);
			Phase step = load.fixedRate(name, rate, options.step(), true,
					ctx.quickOr(Duration.ofSeconds(10), Duration.ofSeconds(20)), null, Duration.ofDays(1));
			ClientCost clientCost = client.end(load);
			LatencySummary endToEnd = step.endToEnd.total();
			boolean held = sustains(endToEnd, step);
			search.record(rate, held);
			CostMeter.Backlog left = this.start.settle(load, name + ", end of its cost window");
			OrderCost cost = ctx.meter().cost(costBefore, ctx.meter().sampleAfter(load), step.done.get());
			Map<String, Object> json = step.toJson();
			json.put("sustained", held);
			json.put("unfinishedAtStart", backlog);
			json.put("client", clientCost.toJson(step.done.get()));
			json.put("loadAverageAfter", Report.round(Machine.loadAverage()));
			steps.add(json);
			ctx.out()
				.printf(Locale.ROOT, "   %d/s: DONE %.1f/s, p99 intended send -> DONE %.0f ms, lost %d of %d: %s%n",
						rate, step.donePerSecond(), endToEnd.p99(), lost(step), step.sent.get(),
						held ? "sustained" : "not sustained");
			if (held && (best == null || rate > best.rate)) {
				best = step;
				bestCost = cost;
				bestLeft = left;
				bestClient = clientCost;
			}
		}
		int capacity = search.capacity();
		ctx.baselines().put(ScenarioContext.CAPACITY, (double) capacity);
		report.add(new Report.Figure("capacity", "sustained capacity (DONE with p99 intended send -> DONE <= 1 s)",
				capacity, "/s", "order+outbox 1 conn", ctx.baseline("orderOutbox"), ">= 500/s",
				capacity >= TARGET_PER_SECOND));
		OptionalInt notHeld = search.firstNotSustained();
		report.figure("capacity", "lowest rate tried and not sustained",
				notHeld.isPresent() ? notHeld.getAsInt() : Double.NaN, "/s");
		if (best != null) {
			String scenario = "capacity " + (int) best.rate + "/s";
			report.compared("capacity", "DONE/s at the capacity", best.donePerSecond(), "/s", "offered", best.rate);
			LatencySummary endToEnd = best.endToEnd.total();
			report.latency(scenario, report.followed("end to end (intended send -> DONE)", endToEnd, best.done.get()),
					endToEnd);
			report.latency(scenario, "POST -> 202 (from intended send)", best.post.total());
			report.cost(scenario, bestCost, bestLeft);
			if (!stackInThisJvm()) {
				bestClient.report(report, "capacity", best.done.get());
			}
		}
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("capacityPerSecond", capacity);
		details.put("stepSeconds", options.step().toSeconds());
		details.put("steps", steps);
		if (bestCost != null) {
			details.put("costPerDoneOrderAtTheCapacity", bestCost.toJson());
		}
		report.detail("capacity", details);
	}

	/**
	 * Whether a step held its rate: p99 from intended send to DONE within
	 * {@value #P99_LIMIT_MS} ms, and at most {@link #LOST_SHARE} of its orders refused,
	 * failed, in error or unfinished.
	 * @param endToEnd the step's end-to-end latency
	 * @param step the step
	 * @return whether the rate counts as sustained
	 */
	static boolean sustains(LatencySummary endToEnd, Phase step) {
		long sent = step.sent.get();
		return sent > 0 && endToEnd.count() > 0 && endToEnd.p99() <= P99_LIMIT_MS && lost(step) <= LOST_SHARE * sent;
	}

	private static long lost(Phase step) {
		return step.sent.get() - step.done.get();
	}

}
