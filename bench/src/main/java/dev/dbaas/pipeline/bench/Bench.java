package dev.dbaas.pipeline.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * The benchmark harness's command line: runs the selected scenarios against a stack (its
 * own, or one given by URLs), prints the figures beside their same-run baselines and
 * ratios, and writes the JSON report.
 */
public final class Bench {

	/** p99 from request to 202 within which a rate counts as sustained (issue 3). */
	static final double INTAKE_P99_LIMIT_MS = 50;

	/** Pipeline target: end-to-end p99 at 500 orders/s with an instant backend. */
	static final double E2E_P99_TARGET_MS = 250;

	private final BenchOptions options;

	private final PrintStream out;

	private final Report report = new Report();

	private final Progress progress;

	private final Map<String, Double> baselines = new LinkedHashMap<>();

	/** The bench client's bearer token; empty to send none. */
	private String token = "";

	private final byte[] payload = SampleOrders.orderPlacedBytes();

	private boolean warmedUp;

	Bench(BenchOptions options, PrintStream out) {
		this.options = options;
		this.out = out;
		this.progress = new Progress(out, System.console() != null);
	}

	public static void main(String[] args) {
		// One Logback configuration for all service contexts, as in the launcher.
		System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
		SLF4JBridgeHandler.removeHandlersForRootLogger();
		SLF4JBridgeHandler.install();
		BenchOptions options;
		try {
			if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
				System.out.println(BenchOptions.USAGE);
				return;
			}
			options = BenchOptions.parse(List.of(args));
		}
		catch (IllegalArgumentException ex) {
			System.err.println("bench: " + ex.getMessage());
			System.err.println(BenchOptions.USAGE);
			System.exit(2);
			return;
		}
		int status;
		try {
			status = new Bench(options, System.out).run(String.join(" ", args));
		}
		catch (Exception ex) {
			System.err.println("bench: " + ex);
			ex.printStackTrace();
			status = 1;
		}
		System.exit(status);
	}

	int run(String arguments) throws Exception {
		Instant began = Instant.now();
		this.report.describeRun("date", began.toString());
		this.report.describeRun("command", "java -jar bench/target/bench.jar " + arguments);
		this.report.describeRun("machine", Machine.describe());
		this.report.describeRun("quick", this.options.quick());
		this.out.printf(Locale.ROOT, "bench: %d cores, %,d MB memory, load average %.2f at start%n", Machine.cores(),
				Machine.memoryMegabytes(), Machine.loadAverage());
		BenchStack stack = null;
		BenchOptions stackOptions = this.options;
		if (this.options.startStack()) {
			this.progress.step("starting the stack in this JVM (durable PostgreSQL, Kafka, three services)");
			long started = System.nanoTime();
			stack = BenchStack.start();
			stackOptions = this.options.withStack(stack.intakeUrl(), stack.statusUrl(), stack.bootstrapServers(),
					stack.jdbcUrl());
			this.report.describeRun("stackStartSeconds", Report.round((System.nanoTime() - started) / 1e9));
			this.report.describeRun("stackServiceProperties", BenchStack.SERVICE_PROPERTIES);
		}
		BenchOptions target = stackOptions;
		String token = (stack != null) ? stack.token() : System.getenv().getOrDefault("BENCH_TOKEN", "");
		this.token = token;
		this.report.describeRun("stack", Map.of("intake", target.intakeUrl(), "status", target.statusUrl(), "kafka",
				target.bootstrapServers(), "postgres", target.jdbcUrl(), "startedByBench", target.startStack()));
		boolean failed = false;
		try (OrderLoad load = new OrderLoad(target.intakeUrl(), target.statusUrl(), token, this.progress)) {
			failed |= scenario("baselines", () -> baselines(target));
			failed |= scenario("intake-max", () -> intakeMax(load));
			failed |= scenario("e2e-fixed-rate", () -> fixedRates(load));
			failed |= scenario("view-rebuild", () -> viewRebuild(target));
			failed |= scenario("provisioner-scaling", () -> provisionerScaling(target));
			failed |= scenario("soak", () -> soak(load));
			if (this.options.runs("baselines")) {
				failed |= scenario("baselines", () -> baselinesAgain(target));
			}
		}
		finally {
			this.report.describeRun("loadAverageAtEnd", Report.round(Machine.loadAverage()));
			this.report.describeRun("seconds", Duration.between(began, Instant.now()).toSeconds());
			this.progress.close();
			if (stack != null) {
				this.progress.step("stopping the stack");
				stack.close();
			}
		}
		this.out.println();
		this.out.println(this.report.table());
		Path output = this.options.output();
		if (output.getParent() != null) {
			Files.createDirectories(output.getParent());
		}
		Files.writeString(output, Json.write(this.report.toJson()), StandardCharsets.UTF_8);
		this.out.println("JSON report: " + output.toAbsolutePath());
		return failed ? 1 : 0;
	}

	private interface Scenario {

		void run() throws Exception;

	}

	/** Runs a selected scenario; a failure is reported and the next scenario runs. */
	private boolean scenario(String name, Scenario scenario) {
		if (!this.options.runs(name)) {
			return false;
		}
		this.progress.step(name);
		try {
			scenario.run();
			return false;
		}
		catch (Exception ex) {
			this.out.println("bench: scenario " + name + " failed: " + ex);
			this.report.detail(name + "-error", String.valueOf(ex));
			return true;
		}
	}

	private Duration quickOr(Duration quick, Duration full) {
		return this.options.quick() ? quick : full;
	}

	private int quickOr(int quick, int full) {
		return this.options.quick() ? quick : full;
	}

	private void baselines(BenchOptions target) throws Exception {
		PostgresBaselines postgres = new PostgresBaselines(target.jdbcUrl(), target.jdbcUser(), target.jdbcPassword());
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("postgresSettings", postgres.prepare());
		double singleRow = postgres.singleRowCommits(quickOr(Duration.ofSeconds(2), Duration.ofSeconds(10)));
		double orderOutbox = postgres.orderPlusOutbox(quickOr(Duration.ofSeconds(3), Duration.ofSeconds(15)),
				this.payload);
		int keys = quickOr(20_000, 50_000);
		double upsert1 = postgres.batchedUpsert(keys, 4, 1);
		double upsert4 = postgres.batchedUpsert(keys, 4, 4);
		this.baselines.put("singleRow", singleRow);
		this.baselines.put("orderOutbox", orderOutbox);
		this.baselines.put("upsert", Math.max(upsert1, upsert4));
		details.put("singleRowCommitsPerSecond", Report.round(singleRow));
		details.put("orderPlusOutboxPerSecond", Report.round(orderOutbox));
		details.put("batchedUpsertRowsPerSecond1Connection", Report.round(upsert1));
		details.put("batchedUpsertRowsPerSecond4Connections", Report.round(upsert4));
		this.report.figure("baseline", "PostgreSQL single-row commits, 1 connection", singleRow, "/s");
		this.report.figure("baseline", "PostgreSQL order + outbox transactions, 1 connection", orderOutbox, "/s");
		this.report.figure("baseline", "PostgreSQL batched upsert, best of 1 and 4 connections",
				Math.max(upsert1, upsert4), "rows/s");

		try (KafkaBaselines kafka = new KafkaBaselines(target.bootstrapServers())) {
			int records = quickOr(50_000, 300_000);
			KafkaBaselines.Rate produced = kafka.produce(records, this.payload);
			double consumed = kafka.consume(records);
			KafkaBaselines.Rate endToEnd = kafka.endToEnd(500, this.options.phase(), this.payload);
			this.baselines.put("kafkaProduce", produced.perSecond());
			this.baselines.put("kafkaConsume", consumed);
			this.baselines.put("kafkaE2eP99", endToEnd.latency().p99());
			this.baselines.put("kafkaE2eP50", endToEnd.latency().p50());
			details.put("kafkaRecordBytes", this.payload.length);
			details.put("kafkaProducedPerSecond", Report.round(produced.perSecond()));
			details.put("kafkaSendToAck", produced.latency().toJson());
			details.put("kafkaConsumedPerSecond", Report.round(consumed));
			details.put("kafkaEndToEndAt500", endToEnd.latency().toJson());
			details.put("kafkaEndToEndMissing", endToEnd.failed());
			this.report.figure("baseline", "Kafka producer, acks=all, " + this.payload.length + " B records",
					produced.perSecond(), "/s");
			this.report.figure("baseline", "Kafka consumer, same records", consumed, "/s");
			this.report.latency("baseline", "Kafka produce -> consume at 500/s", endToEnd.latency());
			this.report.latency("baseline", "Kafka send -> ack, max rate", produced.latency());
		}
		this.report.detail("baselines", details);
		postgres.drop();
	}

	private void baselinesAgain(BenchOptions target) throws Exception {
		PostgresBaselines postgres = new PostgresBaselines(target.jdbcUrl(), target.jdbcUser(), target.jdbcPassword());
		postgres.prepare();
		double singleRow = postgres.singleRowCommits(quickOr(Duration.ofSeconds(2), Duration.ofSeconds(10)));
		double orderOutbox = postgres.orderPlusOutbox(quickOr(Duration.ofSeconds(3), Duration.ofSeconds(15)),
				this.payload);
		postgres.drop();
		this.report.figure("baseline (again, at the end)", "PostgreSQL single-row commits, 1 connection", singleRow,
				"/s");
		this.report.figure("baseline (again, at the end)", "PostgreSQL order + outbox transactions, 1 connection",
				orderOutbox, "/s");
		this.report.detail("baselinesAtEnd",
				Map.of("singleRowCommitsPerSecond", Report.round(singleRow), "orderPlusOutboxPerSecond",
						Report.round(orderOutbox), "orderPlusOutboxAtStartPerSecond",
						Report.round(this.baselines.getOrDefault("orderOutbox", Double.NaN))));
	}

	private void warmUp(OrderLoad load) throws InterruptedException {
		if (!this.warmedUp) {
			load.fixedRate("warm-up", 200, quickOr(Duration.ofSeconds(3), Duration.ofSeconds(20)), true,
					Duration.ofSeconds(10), null, Duration.ofDays(1));
			this.warmedUp = true;
		}
	}

	/**
	 * Waits until the status view shows no order in NEW or PROCESSING, so that a phase
	 * measures its own orders and not the backlog of the one before (an overloaded phase
	 * leaves orders behind when its drain time is up). Gives up after a while and reports
	 * what was left.
	 * @return orders still unfinished when the phase starts ({@code -1}: unknown)
	 */
	private long settle(OrderLoad load, String next) throws InterruptedException {
		long started = System.nanoTime();
		long deadline = started + quickOr(Duration.ofSeconds(15), Duration.ofMinutes(3)).toNanos();
		long unfinished = load.unfinishedInView();
		long before = unfinished;
		while (unfinished > 0 && System.nanoTime() < deadline) {
			TimeUnit.MILLISECONDS.sleep(500);
			unfinished = load.unfinishedInView();
		}
		if (before != 0) {
			this.out.printf(Locale.ROOT, "[%s] waited %.1f s for %,d unfinished orders of earlier phases; %,d left%n",
					next, (System.nanoTime() - started) / 1e9, before, unfinished);
		}
		return unfinished;
	}

	private void intakeMax(OrderLoad load) throws InterruptedException {
		warmUp(load);
		settle(load, "intake-max");
		double orderOutbox = this.baselines.getOrDefault("orderOutbox", Double.NaN);
		int clients = 16;
		long cpuBefore = Machine.processCpuNanos();
		OrderLoad.Phase closed = load.closedLoop("intake-max closed loop, " + clients + " clients", clients,
				quickOr(Duration.ofSeconds(5), Duration.ofSeconds(15)));
		double cpuMsPerOrder = (Machine.processCpuNanos() - cpuBefore) / 1e6 / Math.max(1, closed.accepted.get());
		double accepted = closed.acceptedPerSecond();
		this.report.add(new Report.Figure("intake-max", "accepted orders/s, " + clients + " clients (closed loop)",
				accepted, "/s", "order+outbox 1 conn", orderOutbox, ">= 1,000/s and >= baseline",
				accepted >= 1000 && accepted >= orderOutbox));
		this.report.latency("intake-max", "POST -> 202, closed loop (service time)", closed.post.total());

		List<Integer> steps = this.options.quick() ? List.of(300, 600, 1000)
				: List.of(200, 400, 600, 800, 1000, 1200, 1500);
		Duration stepLength = quickOr(Duration.ofSeconds(4), Duration.ofSeconds(10));
		double sustained = 0;
		List<Object> stepResults = new ArrayList<>();
		for (int rate : steps) {
			OrderLoad.Phase step = load.fixedRate("intake-max " + rate + "/s", rate, stepLength, false,
					Duration.ofSeconds(10), null, Duration.ofDays(1));
			LatencySummary post = step.post.total();
			boolean holds = post.p99() <= INTAKE_P99_LIMIT_MS && step.errorCount() == 0
					&& step.accepted.get() >= 0.97 * step.sent.get();
			Map<String, Object> json = step.toJson();
			json.put("sustained", holds);
			stepResults.add(json);
			this.out.printf(Locale.ROOT, "   %d/s: p99 POST->202 %.1f ms, %s%n", rate, post.p99(),
					holds ? "sustained" : "not sustained");
			if (!holds) {
				break;
			}
			sustained = rate;
		}
		this.report.add(new Report.Figure("intake-max", "highest step rate with p99 POST->202 <= 50 ms", sustained,
				"/s", "order+outbox 1 conn", orderOutbox, null, null));
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("closedLoop", closed.toJson());
		details.put("jvmCpuMsPerAcceptedOrder", Report.round(cpuMsPerOrder));
		details.put("steps", stepResults);
		details.put("highestSustainedPerSecond", sustained);
		this.report.detail("intake-max", details);
	}

	private void fixedRates(OrderLoad load) throws InterruptedException {
		warmUp(load);
		List<Object> phases = new ArrayList<>();
		for (int rate : this.options.rates()) {
			long backlog = settle(load, "e2e " + rate + "/s");
			long cpuBefore = Machine.processCpuNanos();
			OrderLoad.Phase phase = load.fixedRate("e2e " + rate + "/s", rate, this.options.phase(), true,
					quickOr(Duration.ofSeconds(10), Duration.ofSeconds(60)), null, Duration.ofDays(1));
			double cpuMsPerOrder = (Machine.processCpuNanos() - cpuBefore) / 1e6 / Math.max(1, phase.done.get());
			String scenario = "e2e " + rate + "/s";
			LatencySummary endToEnd = phase.endToEnd.total();
			LatencySummary toNew = phase.toNew.total();
			this.report.latency(scenario, "POST -> 202 (from intended send)", phase.post.total());
			this.report.latency(scenario, "202 -> visible as NEW", toNew);
			this.report.latency(scenario, "202 -> PROCESSING", phase.toProcessing.total());
			this.report.latency(scenario, "202 -> DONE", phase.toDone.total());
			this.report.latency(scenario, "end to end (intended send -> DONE)", endToEnd);
			this.report.compared(scenario, "orders DONE/s", phase.donePerSecond(), "/s", "offered", rate);
			this.report.compared(scenario, "errors (non-202, FAILED, unfinished)", phase.errorCount(), "",
					"orders sent", phase.sent.get());
			this.report.compared(scenario, "p99 202 -> visible as NEW", toNew.p99(), "ms",
					"Kafka produce->consume p99 at 500/s", this.baselines.getOrDefault("kafkaE2eP99", Double.NaN));
			boolean target = rate == 500;
			this.report.add(new Report.Figure(scenario, "p99 end to end", endToEnd.p99(), "ms",
					"Kafka produce->consume p99 at 500/s", this.baselines.getOrDefault("kafkaE2eP99", Double.NaN),
					target ? "<= 250 ms" : null, target ? endToEnd.p99() <= E2E_P99_TARGET_MS : null));
			this.report.compared(scenario, "orders unfinished from earlier phases at the start", backlog, "",
					"orders sent", phase.sent.get());
			Map<String, Object> json = phase.toJson();
			json.put("unfinishedAtStart", backlog);
			json.put("requestsQueuedInTheClientSoFar", load.queuedRequests());
			json.put("jvmCpuMsPerOrder", Report.round(cpuMsPerOrder));
			json.put("loadAverageAfter", Report.round(Machine.loadAverage()));
			phases.add(json);
		}
		this.report.detail("e2e-fixed-rate", phases);
	}

	private void viewRebuild(BenchOptions target) throws Exception {
		ViewRebuildScenario.Rebuild rebuild = ViewRebuildScenario.run(target.statusUrl(), this.token,
				target.bootstrapServers(), Duration.ofMinutes(15));
		double upsert = this.baselines.getOrDefault("upsert", Double.NaN);
		double rate = rebuild.perSecond();
		this.report.add(
				new Report.Figure("view-rebuild", String.format(Locale.ROOT, "rebuild of %,d events", rebuild.events()),
						rate, "events/s", "raw batched upsert", upsert, ">= 20,000/s and ratio >= 0.30",
						rate >= 20_000 && !Double.isNaN(upsert) && rate / upsert >= 0.30));
		this.report.detail("view-rebuild", Map.of("events", rebuild.events(), "seconds",
				Report.round(rebuild.elapsed().toMillis() / 1000.0), "eventsPerSecond", Report.round(rate)));
	}

	private void provisionerScaling(BenchOptions target) throws Exception {
		ProvisionerScaling scaling = new ProvisionerScaling(target.bootstrapServers(), target.jdbcUrl(),
				target.jdbcUser(), target.jdbcPassword());
		int orders = quickOr(300, 1500);
		Duration timeout = Duration.ofMinutes(5);
		ProvisionerScaling.Result cpuLimit = scaling.run("1 instance, 0 ms/order (CPU limit)", 1,
				ProvisionerScaling.NO_LATENCY, orders, timeout);
		ProvisionerScaling.Result one = scaling.run("1 instance, 200 ms/order", 1,
				ProvisionerScaling.PROVISIONING_200_MS, orders, timeout);
		ProvisionerScaling.Result two = scaling.run("2 instances, 200 ms/order", 2,
				ProvisionerScaling.PROVISIONING_200_MS, orders * 2, timeout);
		double ideal = ProvisionerScaling.CONCURRENCY / 0.2;
		double bound = Math.min(ideal, cpuLimit.perSecond());
		this.report.figure("provisioner-scaling", cpuLimit.name(), cpuLimit.perSecond(), "orders/s");
		this.report.add(new Report.Figure("provisioner-scaling", one.name() + ", x" + ProvisionerScaling.CONCURRENCY,
				one.perSecond(), "orders/s", (bound < ideal) ? "CPU limit (0 ms run)" : "ideal 64 / 0.2 s", bound,
				">= 0.80 of min(ideal 320, CPU limit)", one.perSecond() >= 0.8 * bound));
		this.report.add(new Report.Figure("provisioner-scaling", two.name() + ", x" + ProvisionerScaling.CONCURRENCY,
				two.perSecond(), "orders/s", "1 instance", one.perSecond(), ">= 1.6x where the CPU allows",
				two.perSecond() >= 1.6 * one.perSecond()));
		for (ProvisionerScaling.Result result : List.of(cpuLimit, one, two)) {
			this.report.latency("provisioner-scaling", result.name() + ": batch start -> finished",
					result.sinceStart());
		}
		this.report.detail("provisioner-scaling",
				List.of(cpuLimit.toJson(), one.toJson(), two.toJson(), Map.of("idealOrdersPerSecond", ideal)));
	}

	private void soak(OrderLoad load) throws InterruptedException {
		warmUp(load);
		int rate = this.options.soakRate();
		long leftOver = settle(load, "soak " + rate + "/s");
		Duration window = quickOr(Duration.ofSeconds(5), Duration.ofSeconds(60));
		List<Map<String, Object>> windows = new ArrayList<>();
		long cpuBefore = Machine.processCpuNanos();
		OrderLoad.Phase phase = load.fixedRate("soak " + rate + "/s", rate, this.options.soak(), true,
				quickOr(Duration.ofSeconds(15), Duration.ofSeconds(60)), (number, closed) -> {
					Map<String, Object> json = new LinkedHashMap<>();
					json.put("window", number);
					json.put("endToEnd", closed.endToEnd().toJson());
					json.put("postTo202", closed.post().toJson());
					json.put("finished", closed.done());
					json.put("inFlightAtEnd", closed.inFlight());
					json.put("heapAfterGcMb", Machine.heapAfterLastGc() / (1024 * 1024));
					json.put("loadAverage", Report.round(Machine.loadAverage()));
					windows.add(json);
				}, window);
		double cpuMsPerOrder = (Machine.processCpuNanos() - cpuBefore) / 1e6 / Math.max(1, phase.done.get());
		this.report.latency("soak " + rate + "/s", "end to end (intended send -> DONE)", phase.endToEnd.total());
		this.report.latency("soak " + rate + "/s", "POST -> 202 (from intended send)", phase.post.total());
		this.report.compared("soak " + rate + "/s", "orders DONE/s", phase.donePerSecond(), "/s", "offered", rate);
		this.report.compared("soak " + rate + "/s", "errors", phase.errorCount(), "", "orders sent", phase.sent.get());
		this.report.compared("soak " + rate + "/s", "orders unfinished from earlier phases at the start", leftOver, "",
				"orders sent", phase.sent.get());
		// The last window holds the drain after sending stopped; compare the first and
		// the
		// last full window.
		List<Map<String, Object>> full = windows.size() > 2 ? windows.subList(0, windows.size() - 1) : windows;
		if (full.size() >= 2) {
			Map<String, Object> first = full.get(0);
			Map<String, Object> last = full.get(full.size() - 1);
			double firstP99 = p99(first);
			double lastP99 = p99(last);
			this.report.add(new Report.Figure("soak " + rate + "/s", "p99 end to end, last full window", lastP99, "ms",
					"first window", firstP99, "no growth (ratio <= 2)", lastP99 <= 2 * Math.max(firstP99, 50)));
			double firstHeap = ((Number) first.get("heapAfterGcMb")).doubleValue();
			double lastHeap = ((Number) last.get("heapAfterGcMb")).doubleValue();
			this.report.add(new Report.Figure("soak " + rate + "/s", "heap after GC, last full window", lastHeap, "MB",
					"first window", firstHeap, "no growth (ratio <= 1.5)", lastHeap <= 1.5 * firstHeap));
			double backlog = ((Number) last.get("inFlightAtEnd")).doubleValue();
			this.report.add(new Report.Figure("soak " + rate + "/s", "orders in flight at the end of the last window",
					backlog, "", "orders per second", rate, "< 1 s of orders", backlog < rate));
		}
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("phase", phase.toJson());
		details.put("windowSeconds", window.toSeconds());
		details.put("windows", windows);
		details.put("jvmCpuMsPerOrder", Report.round(cpuMsPerOrder));
		this.report.detail("soak", details);
	}

	@SuppressWarnings("unchecked")
	private static double p99(Map<String, Object> window) {
		return ((Number) ((Map<String, Object>) window.get("endToEnd")).get("p99Ms")).doubleValue();
	}

}
