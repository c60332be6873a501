package dev.dbaas.pipeline.bench;

import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One run of the bench: describes the machine, starts a stack if asked to, runs the
 * selected scenarios in their fixed order (a failed scenario is reported and the next one
 * runs), then prints the table and writes the JSON report.
 *
 * <p>
 * Not thread-safe; run once.
 */
final class BenchRun {

	private final BenchOptions options;

	private final PrintStream out;

	private final Progress progress;

	/** The load average before each scenario, in the order they ran. */
	private final Map<String, Double> loadBefore = new LinkedHashMap<>();

	BenchRun(BenchOptions options, PrintStream out) {
		this.options = options;
		this.out = out;
		this.progress = new Progress(out, System.console() != null);
	}

	/**
	 * Runs the selected scenarios.
	 * @param arguments the command line, for the report
	 * @return the exit status: 0, or 1 if a scenario failed
	 */
	int run(String arguments) throws Exception {
		ScenarioContext bare = ScenarioContext.of(this.options, this.out);
		Report report = bare.report();
		Instant began = Instant.now();
		report.describeRun("date", began.toString());
		report.describeRun("command", "java -jar bench/target/bench.jar " + arguments);
		report.describeRun("machine", Machine.describe());
		report.describeRun("quick", this.options.quick());
		report.follow(this.options.follow());
		report.describeRun("jitSettleTimeoutSeconds", this.options.jitSettleTimeout().toSeconds());
		this.out.printf(Locale.ROOT, "bench: %d cores, %,d MB memory, load average %.2f at start%n", Machine.cores(),
				Machine.memoryMegabytes(), Machine.loadAverage());
		BenchStack stack = null;
		BenchOptions stackOptions = this.options;
		if (this.options.startStack()) {
			this.progress.step("starting the stack in this JVM (durable PostgreSQL, Kafka, three services)");
			long started = System.nanoTime();
			stack = BenchStack.start();
			stackOptions = this.options.withStack(stack.intakeUrl(), stack.statusUrl(), stack.provisionerUrl(),
					stack.bootstrapServers(), stack.jdbcUrl());
			report.describeRun("stackStartSeconds", Report.round((System.nanoTime() - started) / 1e9));
			report.describeRun("stackServiceProperties", BenchStack.SERVICE_PROPERTIES);
		}
		BenchOptions target = stackOptions;
		String token = (stack != null) ? stack.token() : System.getenv().getOrDefault("BENCH_TOKEN", "");
		report.describeRun("stack",
				Map.of("intake", target.intakeUrl(), "status", target.statusUrl(), "provisioner",
						target.provisionerUrl(), "kafka", target.bootstrapServers(), "postgres", target.jdbcUrl(),
						"startedByBench", target.startStack()));
		CostMeter meter = (stack != null)
				? new CostMeter(target, JvmThreads.thisJvm(), stack.threadGroups(), true, this.out)
				: new CostMeter(target, StackJvmSearch.attach(this.options.stackPid(), this.out), ThreadGroups
					.forLauncher(port(target.intakeUrl()), port(target.provisionerUrl()), port(target.statusUrl())),
						false, this.out);
		meter.checkAttachedJvmServesTheUrls();
		ScenarioContext context = bare.withCosts(meter);
		describeCounters(report, meter);
		WarmStart start = new WarmStart(context);
		BaselineScenario baselines = new BaselineScenario(context);
		boolean failed = false;
		this.out.println("bench: orders followed: " + this.options.follow().describe());
		StatusTopicFollower statusTopic = this.options.follow().sampled()
				? new StatusTopicFollower(target.bootstrapServers()) : null;
		try (OrderLoad load = new OrderLoad(target.intakeUrl(), target.statusUrl(), token, this.progress,
				this.options.follow(), statusTopic)) {
			failed |= scenario(report, "baselines", () -> {
				// a launcher just started is still compiling: its compiler takes a core
				start.settleJitWithoutLoad();
				baselines.run(target);
			});
			if (HttpFloorBaselines.wanted(this.options)) {
				// beside every cost table, whether or not the other baselines run
				failed |= scenario(report, "http-floors", () -> new HttpFloorBaselines(context, start).run(load), true);
			}
			failed |= scenario(report, "intake-max", () -> new IntakeMaxScenario(context, start).run(load));
			failed |= scenario(report, "e2e-fixed-rate", () -> new FixedRateScenario(context, start).run(load));
			failed |= scenario(report, "capacity", () -> new CapacityScenario(context, start).run(load));
			failed |= scenario(report, "overload", () -> new OverloadScenario(context, start).run(load));
			failed |= scenario(report, "view-rebuild", () -> {
				start.settle(load, "view-rebuild");
				new ViewRebuildFigures(context).run(target, token);
			});
			failed |= scenario(report, "provisioner-scaling", () -> new ProvisionerScalingFigures(context).run(target));
			failed |= scenario(report, "soak", () -> new SoakScenario(context, start).run(load));
			if (this.options.runs("baselines")) {
				failed |= scenario(report, "baselines", () -> baselines.runAgain(target));
			}
		}
		finally {
			report.describeRun("loadAverageAtEnd", Report.round(Machine.loadAverage()));
			report.describeRun("seconds", Duration.between(began, Instant.now()).toSeconds());
			this.progress.close();
			meter.close();
			if (stack != null) {
				this.progress.step("stopping the stack");
				stack.close();
			}
		}
		this.out.println();
		this.out.println(report.table());
		Path output = this.options.output();
		if (output.getParent() != null) {
			Files.createDirectories(output.getParent());
		}
		Files.writeString(output, Json.write(report.toJson()), StandardCharsets.UTF_8);
		this.out.println("JSON report: " + output.toAbsolutePath());
		return failed ? 1 : 0;
	}

	/** Says where the cost counters come from, on the console and in the report. */
	private void describeCounters(Report report, CostMeter meter) {
		PostgresCounters.Reading reading = meter.postgres();
		Map<String, Object> counters = new LinkedHashMap<>();
		if (reading != null) {
			counters.put("postgresServerVersionNum", reading.serverVersionNum());
			counters.put("wal", PostgresCounters.walSource(reading.serverVersionNum()));
			counters.put("serviceDatabasesFound",
					OrderCost.SERVICE_DATABASES.values()
						.stream()
						.filter(reading.commits()::containsKey)
						.sorted()
						.toList());
		}
		counters.put("jvmCpu", meter.cpuSource());
		counters.put("kafka", "end offsets of the pipeline topics (Admin.listOffsets)");
		report.describeRun("costCounters", counters);
		this.out.printf(Locale.ROOT, "bench: cost counters: PostgreSQL %s, WAL from %s; JVM CPU %s%n",
				(reading != null) ? String.valueOf(reading.serverVersionNum()) : "not reachable (not measured)",
				(reading != null) ? PostgresCounters.walSource(reading.serverVersionNum()) : "-", meter.cpuSource());
	}

	/**
	 * The port of a service URL.
	 * @param url e.g. {@code http://localhost:8081}
	 * @return its port, the scheme's default if it names none
	 */
	static int port(String url) {
		URI uri = URI.create(url);
		if (uri.getPort() > 0) {
			return uri.getPort();
		}
		return "https".equals(uri.getScheme()) ? 443 : 80;
	}

	private interface Scenario {

		void run() throws Exception;

	}

	/**
	 * Runs a selected scenario; a failure is reported and the next scenario runs. The
	 * machine's load average before it is printed and goes into the report.
	 */
	private boolean scenario(Report report, String name, Scenario scenario) {
		return scenario(report, name, scenario, this.options.runs(name));
	}

	private boolean scenario(Report report, String name, Scenario scenario, boolean selected) {
		if (!selected) {
			return false;
		}
		double load = Machine.loadAverage();
		this.progress.step(String.format(Locale.ROOT, "%s (load average %.2f, %d cores)", name, load, Machine.cores()));
		this.loadBefore.merge(name, Report.round(load), (first, again) -> first);
		report.describeRun("loadAverageBeforeScenario", this.loadBefore);
		try {
			scenario.run();
			return false;
		}
		catch (Exception ex) {
			this.out.println("bench: scenario " + name + " failed: " + ex);
			report.detail(name + "-error", String.valueOf(ex));
			return true;
		}
	}

}
