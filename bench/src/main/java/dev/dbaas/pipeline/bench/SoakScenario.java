package dev.dbaas.pipeline.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A long run at {@code --soak-rate} for {@code --soak}, read in windows: the last full
 * window must show no growth of the p99 end to end (ratio at most 2) or of the heap after
 * GC (ratio at most 1.5) against the first, and less than a second of orders in flight.
 */
final class SoakScenario extends LoadScenario {

	SoakScenario(ScenarioContext context, WarmStart start) {
		super(context, start);
	}

	@Override
	void measure(OrderLoad load, Report report) throws InterruptedException {
		ScenarioContext ctx = this.context;
		int rate = ctx.options().soakRate();
		long leftOver = this.start.settle(load, "soak " + rate + "/s").view();
		Duration window = ctx.quickOr(Duration.ofSeconds(5), Duration.ofSeconds(60));
		List<Map<String, Object>> windows = new ArrayList<>();
		CostSample costBefore = ctx.meter().sample(load);
		long cpuBefore = Machine.processCpuNanos();
		Phase phase = load.fixedRate("soak " + rate + "/s", rate, ctx.options().soak(), true,
				ctx.quickOr(Duration.ofSeconds(15), Duration.ofSeconds(60)),
				(number, closed) -> windows.add(windowJson(number, closed)), window);
		double cpuMsPerOrder = (Machine.processCpuNanos() - cpuBefore) / 1e6 / Math.max(1, phase.done.get());
		String scenario = "soak " + rate + "/s";
		CostMeter.Backlog left = this.start.settle(load, scenario + ", end of its cost window");
		OrderCost cost = ctx.meter().cost(costBefore, ctx.meter().sampleAfter(load), phase.done.get());
		report.cost(scenario, cost, left);
		report.latency(scenario, "end to end (intended send -> DONE)", phase.endToEnd.total());
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
			double firstHeap = ((Number) first.get("heapAfterGcMb")).doubleValue();
			double lastHeap = ((Number) last.get("heapAfterGcMb")).doubleValue();
			report.add(new Report.Figure(scenario, "heap after GC, last full window", lastHeap, "MB", "first window",
					firstHeap, "no growth (ratio <= 1.5)", lastHeap <= 1.5 * firstHeap));
			double backlog = ((Number) last.get("inFlightAtEnd")).doubleValue();
			report.add(new Report.Figure(scenario, "orders in flight at the end of the last window", backlog, "",
					"orders per second", rate, "< 1 s of orders", backlog < rate));
		}
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("phase", phase.toJson());
		details.put("windowSeconds", window.toSeconds());
		details.put("windows", windows);
		details.put("jvmCpuMsPerOrder", Report.round(cpuMsPerOrder));
		details.put("costPerDoneOrder", cost.toJson());
		details.put("backlogAtTheEndOfTheCostWindow", left.toString());
		report.detail("soak", details);
	}

	/**
	 * The JSON of one window, as the report holds it.
	 * @param number the window's number, from 1
	 * @param closed the window
	 * @return the window's figures with the heap and load average at its end
	 */
	static Map<String, Object> windowJson(int number, Phase.Window closed) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("window", number);
		json.put("endToEnd", closed.endToEnd().toJson());
		json.put("postTo202", closed.post().toJson());
		json.put("finished", closed.done());
		json.put("inFlightAtEnd", closed.inFlight());
		json.put("heapAfterGcMb", Machine.heapAfterLastGc() / (1024 * 1024));
		json.put("loadAverage", Report.round(Machine.loadAverage()));
		return json;
	}

	@SuppressWarnings("unchecked")
	static double p99(Map<String, Object> window) {
		return ((Number) ((Map<String, Object>) window.get("endToEnd")).get("p99Ms")).doubleValue();
	}

}
