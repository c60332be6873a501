package dev.dbaas.pipeline.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The pipeline end to end at the fixed rates of {@code --rates}: every order followed
 * from the POST to DONE (long polls, or in the sample follow mode the status topic with
 * one order in N long-polled for the latencies), each stage's latency next to Kafka's
 * produce-to-consume baseline, and at 500 orders/s the target of a p99 end to end within
 * {@value #E2E_P99_TARGET_MS} ms. Each phase starts once the previous one's backlog is
 * gone, and its cost per DONE order ({@link OrderCost}) covers the phase from its first
 * send until its backlog is gone again.
 */
final class FixedRateScenario extends LoadScenario {

	/** Pipeline target: end-to-end p99 at 500 orders/s with an instant backend. */
	static final double E2E_P99_TARGET_MS = 250;

	FixedRateScenario(ScenarioContext context, WarmStart start) {
		super(context, start);
	}

	@Override
	void measure(OrderLoad load, Report report) throws InterruptedException {
		ScenarioContext ctx = this.context;
		List<Object> phases = new ArrayList<>();
		for (int rate : ctx.options().rates()) {
			long backlog = this.start.settle(load, "e2e " + rate + "/s").view();
			CostSample costBefore = ctx.meter().sample(load);
			long cpuBefore = Machine.processCpuNanos();
			ClientCost.Start client = ClientCost.start(load);
			Phase phase = load.fixedRate("e2e " + rate + "/s", rate, ctx.options().phase(), true,
					ctx.quickOr(Duration.ofSeconds(10), Duration.ofSeconds(60)), null, Duration.ofDays(1));
			double cpuMsPerOrder = (Machine.processCpuNanos() - cpuBefore) / 1e6 / Math.max(1, phase.done.get());
			ClientCost clientCost = client.end(load);
			String scenario = "e2e " + rate + "/s";
			// The cost window ends once the phase's orders are finished, those left after
			// its drain time included, so that their work is not counted without them.
			CostMeter.Backlog left = this.start.settle(load, scenario + ", end of its cost window");
			OrderCost cost = ctx.meter().cost(costBefore, ctx.meter().sampleAfter(load), phase.done.get());
			report.cost(scenario, cost, left);
			LatencySummary endToEnd = phase.endToEnd.total();
			LatencySummary toNew = phase.toNew.total();
			report.latency(scenario, "POST -> 202 (from intended send)", phase.post.total());
			long done = phase.done.get();
			report.latency(scenario, report.followed("202 -> visible as NEW", toNew, done), toNew);
			LatencySummary toProcessing = phase.toProcessing.total();
			report.latency(scenario, report.followed("202 -> PROCESSING", toProcessing, done), toProcessing);
			LatencySummary toDone = phase.toDone.total();
			report.latency(scenario, report.followed("202 -> DONE", toDone, done), toDone);
			report.latency(scenario, report.followed("end to end (intended send -> DONE)", endToEnd, done), endToEnd);
			report.compared(scenario, "orders DONE/s", phase.donePerSecond(), "/s", "offered", rate);
			report.compared(scenario, "errors (non-202 but refusals, FAILED, unfinished)", phase.errorCount(), "",
					"orders sent", phase.sent.get());
			report.compared(scenario, "refused (429/503, not retried)", phase.refused.get(), "", "orders sent",
					phase.sent.get());
			if (!stackInThisJvm()) {
				clientCost.report(report, scenario, phase.done.get());
			}
			report.compared(scenario, report.followed("p99 202 -> visible as NEW", toNew, done), toNew.p99(), "ms",
					"Kafka produce->consume p99 at 500/s", ctx.baseline("kafkaE2eP99"));
			boolean target = rate == 500;
			report.add(new Report.Figure(scenario, report.followed("p99 end to end", endToEnd, done), endToEnd.p99(),
					"ms", "Kafka produce->consume p99 at 500/s", ctx.baseline("kafkaE2eP99"),
					target ? "<= 250 ms" : null, target ? endToEnd.p99() <= E2E_P99_TARGET_MS : null));
			report.compared(scenario, "orders unfinished from earlier phases at the start", backlog, "", "orders sent",
					phase.sent.get());
			Map<String, Object> json = phase.toJson();
			json.put("unfinishedAtStart", backlog);
			json.put("requestsQueuedInTheClientSoFar", load.queuedRequests());
			json.put("jvmCpuMsPerOrder", Report.round(cpuMsPerOrder));
			json.put("client", clientCost.toJson(phase.done.get()));
			json.put("costPerDoneOrder", cost.toJson());
			json.put("backlogAtTheEndOfTheCostWindow", left.toString());
			json.put("loadAverageAfter", Report.round(Machine.loadAverage()));
			phases.add(json);
		}
		report.detail("e2e-fixed-rate", phases);
	}

}
