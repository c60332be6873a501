package dev.dbaas.pipeline.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What a run found: figures beside their baselines and ratios, latency percentiles per
 * stage, and free-form details per scenario. Printed as Markdown tables (they paste into
 * {@code docs/benchmarks.md} as they are) and written as JSON.
 *
 * <p>
 * Not thread-safe: scenarios add to it one after the other.
 */
final class Report {

	private final Map<String, Object> run = new LinkedHashMap<>();

	private final List<Figure> figures = new ArrayList<>();

	private final List<Latency> latencies = new ArrayList<>();

	private final Map<String, Object> details = new LinkedHashMap<>();

	private final Map<String, OrderCost> costs = new LinkedHashMap<>();

	private final Map<String, Double> costBaselines = new LinkedHashMap<>();

	private final Map<String, Boolean> costBacklogGone = new LinkedHashMap<>();

	private final Map<String, Double> costFloors = new LinkedHashMap<>();

	private BenchOptions.Follow follow = new BenchOptions.Follow(BenchOptions.Follow.LONG_POLL, 1);

	/**
	 * How the run follows its orders: printed above every table, and beside every latency
	 * that comes from the long polls.
	 * @param follow the mode of the run
	 */
	void follow(BenchOptions.Follow follow) {
		this.follow = follow;
		describeRun("follow", follow.describe());
	}

	/**
	 * The name of a figure or latency measured by the long polls, saying in the sample
	 * mode that it comes from the sampled orders only.
	 * @param stage e.g. {@code end to end (intended send -> DONE)}
	 * @param sampled the latencies recorded
	 * @param doneOrders the phase's DONE orders, every one of them
	 * @return the name as it is in the long-poll mode, else with {@code [sampled 1 in N:
	 * n = ... of ... DONE]}
	 */
	String followed(String stage, LatencySummary sampled, long doneOrders) {
		if (!this.follow.sampled()) {
			return stage;
		}
		return String.format(Locale.ROOT, "%s [sampled 1 in %d: n = %,d of %,d DONE]", stage, this.follow.sampleEvery(),
				sampled.count(), doneOrders);
	}

	/**
	 * A pipeline figure, and the baseline it is compared with.
	 *
	 * @param scenario the scenario that measured it
	 * @param name what it is
	 * @param value the figure
	 * @param unit its unit
	 * @param baselineName the baseline measured in the same run, or {@code null}
	 * @param baseline the baseline's value (ignored without a name)
	 * @param target the target from the service issues, or {@code null}
	 * @param met whether the target is met, or {@code null} without a target
	 */
	record Figure(String scenario, String name, double value, String unit, @Nullable String baselineName,
			double baseline, @Nullable String target, @Nullable Boolean met) {

		double ratio() {
			return (this.baselineName != null && this.baseline > 0) ? this.value / this.baseline : Double.NaN;
		}

	}

	/**
	 * Latency percentiles of one stage of one scenario.
	 *
	 * @param scenario the scenario
	 * @param stage the stage, e.g. {@code POST -> 202}
	 * @param summary the percentiles
	 */
	record Latency(String scenario, String stage, LatencySummary summary) {

	}

	void describeRun(String key, Object value) {
		this.run.put(key, value);
	}

	void add(Figure figure) {
		this.figures.add(figure);
	}

	void figure(String scenario, String name, double value, String unit) {
		add(new Figure(scenario, name, value, unit, null, 0, null, null));
	}

	void compared(String scenario, String name, double value, String unit, String baselineName, double baseline) {
		add(new Figure(scenario, name, value, unit, baselineName, baseline, null, null));
	}

	void latency(String scenario, String stage, LatencySummary summary) {
		this.latencies.add(new Latency(scenario, stage, summary));
	}

	/**
	 * The cost per DONE order of a scenario's measured phase.
	 * @param scenario the scenario, a column of the cost table
	 * @param cost its figures
	 * @param atEnd the backlog when the window ended: if it was not gone, part of the
	 * window's work went into orders not yet DONE, and the figures are too high
	 */
	void cost(String scenario, OrderCost cost, CostMeter.Backlog atEnd) {
		this.costs.put(scenario, cost);
		this.costBacklogGone.put(scenario, atEnd.gone());
	}

	/**
	 * A figure of the order-plus-outbox baseline, per transaction, for the cost table.
	 * @param key {@code commits}, {@code walSyncs}, {@code walWrites} or {@code cpuMs}
	 * (see {@link CostFigure#baseline()})
	 * @param value per transaction
	 */
	void costBaseline(String key, double value) {
		this.costBaselines.put(key, value);
	}

	/**
	 * A same-run floor of the stack's CPU per HTTP request ({@link HttpFloorBaselines}),
	 * a baseline row of the cost table.
	 * @param label what it is
	 * @param cpuMs stack CPU per request, or {@code NaN}
	 */
	void costFloor(String label, double cpuMs) {
		this.costFloors.put(label, cpuMs);
	}

	void detail(String scenario, Object value) {
		this.details.put(scenario, value);
	}

	List<Figure> figures() {
		return List.copyOf(this.figures);
	}

	/**
	 * The figures and latencies as Markdown tables.
	 * @return the tables, ending with a newline
	 */
	String table() {
		StringBuilder out = new StringBuilder();
		out.append(caption());
		out.append("| scenario | figure | value | baseline (same run) | ratio | target | met |\n");
		out.append("|---|---|---:|---|---:|---|---|\n");
		for (Figure figure : this.figures) {
			out.append(String.format(Locale.ROOT, "| %s | %s | %s %s | %s | %s | %s | %s |%n", figure.scenario(),
					figure.name(), number(figure.value()), figure.unit(),
					(figure.baselineName() != null) ? figure.baselineName() + " " + number(figure.baseline()) : "",
					Double.isNaN(figure.ratio()) ? "" : String.format(Locale.ROOT, "%.2f", figure.ratio()),
					(figure.target() != null) ? figure.target() : "",
					(figure.met() == null) ? "" : (figure.met() ? "yes" : "**no**")));
		}
		if (!this.latencies.isEmpty()) {
			out.append('\n');
			out.append(caption());
			out.append("| scenario | latency | count | p50 ms | p95 ms | p99 ms | max ms |\n");
			out.append("|---|---|---:|---:|---:|---:|---:|\n");
			for (Latency latency : this.latencies) {
				LatencySummary s = latency.summary();
				out.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %s | %s | %s |%n", latency.scenario(),
						latency.stage(), s.count(), millis(s.p50()), millis(s.p95()), millis(s.p99()),
						millis(s.max())));
			}
		}
		if (!this.costs.isEmpty()) {
			out.append('\n');
			out.append(caption());
			out.append(costTable());
		}
		return out.toString();
	}

	/**
	 * The cost per DONE order as a Markdown table: a row per {@link CostFigure}, a column
	 * per scenario, each figure beside the order-plus-outbox baseline and the issue's
	 * goal; a figure over its goal is marked {@code **no**}. Above them, per window: its
	 * DONE orders, its length, how busy the stack's JIT was in it (a window of a JIT
	 * still compiling measures more CPU than a warm one), whether the backlog was gone at
	 * its end and how orders were followed.
	 * @return the table, ending with a newline
	 */
	String costTable() {
		StringBuilder out = new StringBuilder("| cost per DONE order | baseline: order+outbox txn, 1 conn | goal |");
		StringBuilder rule = new StringBuilder("|---|---:|---|");
		StringBuilder done = new StringBuilder("| DONE orders in the window | | |");
		StringBuilder seconds = new StringBuilder("| window, s | | |");
		StringBuilder jit = new StringBuilder(
				"| JIT compile time in the window, ms per s (elapsed, summed over the compiler threads) | | |");
		StringBuilder gone = new StringBuilder("| backlog gone at the end of the window | | |");
		StringBuilder followed = new StringBuilder("| orders followed (--follow) | | |");
		for (Map.Entry<String, OrderCost> cost : this.costs.entrySet()) {
			out.append(' ').append(cost.getKey()).append(" |");
			rule.append("---:|");
			done.append(' ').append(String.format(Locale.ROOT, "%,d", cost.getValue().doneOrders())).append(" |");
			seconds.append(' ').append(number(cost.getValue().seconds())).append(" |");
			double compiled = cost.getValue().jitCompileMillisPerSecond();
			jit.append(' ').append(Double.isNaN(compiled) ? "not measured" : number(compiled)).append(" |");
			gone.append(' ')
				.append(this.costBacklogGone.getOrDefault(cost.getKey(), false) ? "yes" : "no (figures too high)")
				.append(" |");
			followed.append(' ')
				.append(this.follow.sampled() ? "sample, 1 in " + this.follow.sampleEvery() : "long-poll, every order")
				.append(" |");
		}
		out.append('\n').append(rule).append('\n').append(done).append('\n').append(seconds).append('\n');
		out.append(jit).append('\n');
		out.append(gone).append('\n').append(followed).append('\n');
		for (CostFigure figure : CostFigure.values()) {
			String baselineKey = figure.baseline();
			Double baseline = (baselineKey != null) ? this.costBaselines.get(baselineKey) : null;
			out.append("| ")
				.append(figure.label().startsWith(" ") ? "· " + figure.label().strip() : figure.label())
				.append(" | ")
				.append((baseline != null) ? number(baseline) : "")
				.append(" | ")
				.append(Double.isNaN(figure.goal()) ? "" : "<= " + number(figure.goal()))
				.append(" |");
			for (OrderCost cost : this.costs.values()) {
				double value = cost.perOrder(figure);
				String cell = Double.isNaN(value) ? "not measured" : number(value);
				if (!Double.isNaN(value) && !Double.isNaN(figure.goal()) && value > figure.goal()) {
					cell += " **no**";
				}
				out.append(' ').append(cell).append(" |");
			}
			out.append('\n');
		}
		for (Map.Entry<String, Double> floor : this.costFloors.entrySet()) {
			out.append("| baseline: ")
				.append(floor.getKey())
				.append(" | ")
				.append(number(floor.getValue()))
				.append(" | |");
			out.append(" |".repeat(this.costs.size())).append('\n');
		}
		return out.toString();
	}

	private String caption() {
		return "Orders followed: " + this.follow.describe() + ".\n\n";
	}

	Map<String, Object> toJson() {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("run", this.run);
		List<Object> figureList = new ArrayList<>();
		for (Figure figure : this.figures) {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("scenario", figure.scenario());
			entry.put("figure", figure.name());
			entry.put("value", round(figure.value()));
			entry.put("unit", figure.unit());
			if (figure.baselineName() != null) {
				entry.put("baseline", figure.baselineName());
				entry.put("baselineValue", round(figure.baseline()));
				entry.put("ratio", round(figure.ratio()));
			}
			if (figure.target() != null) {
				entry.put("target", figure.target());
				entry.put("met", figure.met());
			}
			figureList.add(entry);
		}
		json.put("figures", figureList);
		List<Object> latencyList = new ArrayList<>();
		for (Latency latency : this.latencies) {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("scenario", latency.scenario());
			entry.put("stage", latency.stage());
			entry.putAll(latency.summary().toJson());
			latencyList.add(entry);
		}
		json.put("latencies", latencyList);
		Map<String, Object> costJson = new LinkedHashMap<>();
		this.costs.forEach((scenario, cost) -> costJson.put(scenario, cost.toJson()));
		json.put("costPerDoneOrder", costJson);
		Map<String, Object> baselineJson = new LinkedHashMap<>();
		this.costBaselines.forEach((key, value) -> baselineJson.put(key, round(value)));
		json.put("costBaselinePerOrderPlusOutboxTransaction", baselineJson);
		Map<String, Object> floorJson = new LinkedHashMap<>();
		this.costFloors.forEach((label, value) -> floorJson.put(label, round(value)));
		json.put("costBaselineStackCpuMsPerHttpRequest", floorJson);
		json.put("details", this.details);
		return json;
	}

	/**
	 * A figure for a table: thousands separated, no decimals from 100 on, two below.
	 * @param value the figure
	 * @return the text
	 */
	static String number(double value) {
		if (Double.isNaN(value)) {
			return "n/a";
		}
		if (Math.abs(value) >= 100) {
			return String.format(Locale.ROOT, "%,.0f", value);
		}
		return String.format(Locale.ROOT, "%.2f", value);
	}

	static String millis(double value) {
		return String.format(Locale.ROOT, (value >= 100) ? "%.0f" : "%.1f", value);
	}

	static double round(double value) {
		return Double.isNaN(value) ? value : Math.round(value * 100) / 100.0;
	}

}
