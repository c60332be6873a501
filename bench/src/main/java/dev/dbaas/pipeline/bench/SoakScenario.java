package dev.dbaas.pipeline.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A long run for {@code --soak} at {@value BenchOptions#SOAK_SHARE_OF_CAPACITY_PERCENT} %
 * of the capacity ({@link ScenarioContext#capacity()}; {@code --soak-rate} if given or no
 * capacity is known), read in windows (a minute; quick: 5 s): the last full window must
 * show no growth of the p99 end to end (ratio at most 2) or of the stack's heap
 * ({@link CostMeter#stackHeap()}, ratio at most 1.5) against the first, and less than a
 * second of orders in flight; the verdict is whether all three hold.
 */
final class SoakScenario extends LoadScenario {

	SoakScenario(ScenarioContext context, WarmStart start) {
		super(context, start);
	}

	@Override
	void measure(OrderLoad load, Report report) throws InterruptedException {
		ScenarioContext ctx = this.context;
		int rate = rate(ctx.options(), ctx.capacity());
		long leftOver = this.start.settle(load, "soak " + rate + "/s").view();
		Duration window = ctx.quickOr(Duration.ofSeconds(5), Duration.ofSeconds(60));
		List<Map<String, Object>> windows = new ArrayList<>();
		CostSample costBefore = ctx.meter().sample(load);
		ClientCost.Start client = ClientCost.start(load);
		CostMeter meter = ctx.meter();
		Phase phase = load.fixedRate("soak " + rate + "/s", rate, ctx.options().soak(), true,
				ctx.quickOr(Duration.ofSeconds(15), Duration.ofSeconds(60)),
				(number, closed) -> windows.add(windowJson(number, closed, heap(meter))), window);
		ClientCost clientCost = client.end(load);
		double cpuMsPerOrder = clientCost.millisPerOrder(phase.done.get());
		String scenario = "soak " + rate + "/s";
		CostMeter.Backlog left = this.start.settle(load, scenario + ", end of its cost window");
		OrderCost cost = ctx.meter().cost(costBefore, ctx.meter().sampleAfter(load), phase.done.get());
		report.cost(scenario, cost, left);
		LatencySummary endToEnd = phase.endToEnd.total();
		report.latency(scenario, report.followed("end to end (intended send -> DONE)", endToEnd, phase.done.get()),
				endToEnd);
		report.latency(scenario, "POST -> 202 (from intended send)", phase.post.total());
		report.compared(scenario, "orders DONE/s", phase.donePerSecond(), "/s", "offered", rate);
		report.compared(scenario, "errors", phase.errorCount(), "", "orders sent", phase.sent.get());
		report.compared(scenario, "orders unfinished from earlier phases at the start", leftOver, "", "orders sent",
				phase.sent.get());
		// The last window holds the drain after sending stopped; compare the first and
		// the last full window.
		List<Map<String, Object>> full = (windows.size() > 2) ? windows.subList(0, windows.size() - 1) : windows;
		if (full.size() >= 2) {
			Map<String, Object> first = full.get(0);
			Map<String, Object> last = full.get(full.size() - 1);
			double firstP99 = p99(first);
			double lastP99 = p99(last);
			report.add(new Report.Figure(scenario, "p99 end to end, last full window", lastP99, "ms", "first window",
					firstP99, "no growth (ratio <= 2)", lastP99 <= 2 * Math.max(firstP99, 50)));
			boolean latencyHolds = lastP99 <= 2 * Math.max(firstP99, 50);
			double firstHeap = ((Number) first.get("heapAfterGcMb")).doubleValue();
			double lastHeap = ((Number) last.get("heapAfterGcMb")).doubleValue();
			boolean heapHolds = Double.isNaN(lastHeap) || lastHeap <= 1.5 * firstHeap;
			report.add(new Report.Figure(scenario, "stack heap (" + first.get("heapSource") + "), last full window",
					lastHeap, "MB", "first window", firstHeap, "no growth (ratio <= 1.5)",
					Double.isNaN(lastHeap) ? null : heapHolds));
			double firstBacklog = ((Number) first.get("inFlightAtEnd")).doubleValue();
			double backlog = ((Number) last.get("inFlightAtEnd")).doubleValue();
			boolean backlogHolds = backlog < rate;
			report.add(new Report.Figure(scenario, "orders in flight at the end of the last full window", backlog, "",
					"first window", firstBacklog, "< 1 s of orders (" + rate + ")", backlogHolds));
			boolean verdict = latencyHolds && heapHolds && backlogHolds;
			report.add(new Report.Figure(scenario, "verdict: no growth of latency, backlog or heap", verdict ? 1 : 0,
					"", null, 0, "1 (holds)", verdict));
		}
		if (!stackInThisJvm()) {
			clientCost.report(report, scenario, phase.done.get());
		}
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("phase", phase.toJson());
		details.put("windowSeconds", window.toSeconds());
		details.put("windows", windows);
		details.put("rateFrom",
				ctx.options().soakRateGiven() ? "--soak-rate" : (ctx.capacity() > 0)
						? BenchOptions.SOAK_SHARE_OF_CAPACITY_PERCENT + " % of the capacity " + ctx.capacity() + "/s"
						: "default --soak-rate (no capacity known)");
		details.put("jvmCpuMsPerOrder", Report.round(cpuMsPerOrder));
		details.put("client", clientCost.toJson(phase.done.get()));
		details.put("costPerDoneOrder", cost.toJson());
		details.put("backlogAtTheEndOfTheCostWindow", left.toString());
		report.detail("soak", details);
	}

	/**
	 * The soak's rate.
	 * @param options the command line
	 * @param capacity the capacity, {@code 0} if unknown
	 * @return {@code --soak-rate} if given or without a capacity, else the share of the
	 * capacity
	 */
	static int rate(BenchOptions options, int capacity) {
		if (options.soakRateGiven() || capacity <= 0) {
			return options.soakRate();
		}
		return Math.max(1, capacity * BenchOptions.SOAK_SHARE_OF_CAPACITY_PERCENT / 100);
	}

	private static CostMeter.Heap heap(CostMeter meter) {
		try {
			return meter.stackHeap();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new CostMeter.Heap(Double.NaN, "not read");
		}
	}

	/**
	 * The JSON of one window, as the report holds it.
	 * @param number the window's number, from 1
	 * @param closed the window
	 * @param heap the stack's heap at its end
	 * @return the window's figures with the heap and load average at its end
	 */
	static Map<String, Object> windowJson(int number, Phase.Window closed, CostMeter.Heap heap) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("window", number);
		json.put("endToEnd", closed.endToEnd().toJson());
		json.put("postTo202", closed.post().toJson());
		json.put("finished", closed.done());
		json.put("inFlightAtEnd", closed.inFlight());
		json.put("refused", closed.refused());
		json.put("heapAfterGcMb", Report.round(heap.megabytes()));
		json.put("heapSource", heap.source());
		json.put("loadAverage", Report.round(Machine.loadAverage()));
		return json;
	}

	@SuppressWarnings("unchecked")
	static double p99(Map<String, Object> window) {
		return ((Number) ((Map<String, Object>) window.get("endToEnd")).get("p99Ms")).doubleValue();
	}

}
