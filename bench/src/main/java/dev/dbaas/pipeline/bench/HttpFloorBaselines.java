package dev.dbaas.pipeline.bench;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

/**
 * The HTTP floor of the stack, measured against it right before the load scenarios
 * (whenever one with a cost table runs, see {@link #wanted}): the stack CPU of one
 * authenticated {@code GET /v1/catalog} (order-intake's cheapest authenticated request:
 * the token check, Tomcat and Spring MVC, no database) and of one {@code GET
 * /v1/orders/{id}} of an existing order without a long poll (status-service's read
 * floor). Each is the median of {@value #RUNS} closed-loop runs of {@link #CLIENTS}
 * keep-alive clients, after a warm-up run; the stack CPU is read from the same source as
 * the phases' figures ({@link CostMeter#cpu}): the services' and broker's threads where
 * the stack's threads can be read, else the whole JVM of the stack from its Prometheus.
 * Set beside the cost per DONE order, the floors times the requests per order say how
 * much of an order's CPU is the customers' HTTP alone.
 *
 * <p>
 * Not thread-safe; runs once, from the baselines scenario.
 */
final class HttpFloorBaselines {

	/** Concurrent keep-alive clients of each run. */
	static final int CLIENTS = 4;

	/** Measured runs per request, the median of which is the figure. */
	static final int RUNS = 3;

	/** Key of the catalog floor among the baselines and the cost table's floors. */
	static final String CATALOG = "catalogGetCpuMs";

	/** Key of the order-read floor. */
	static final String ORDER_READ = "orderGetCpuMs";

	private final ScenarioContext context;

	private final WarmStart start;

	/** The scenarios with a cost table, beside which the floors are printed. */
	static final List<String> COSTED_SCENARIOS = List.of("e2e-fixed-rate", "capacity", "overload", "soak");

	/**
	 * Whether a run measures the floors: with the baselines, and whenever a scenario with
	 * a cost table runs (they are its baseline rows).
	 * @param options the command line
	 * @return {@code true} if so
	 */
	static boolean wanted(BenchOptions options) {
		return options.runs("baselines") || COSTED_SCENARIOS.stream().anyMatch(options::runs);
	}

	HttpFloorBaselines(ScenarioContext context, WarmStart start) {
		this.context = context;
		this.start = start;
	}

	/**
	 * Measures both floors and reports them.
	 * @param load the bench's order client
	 */
	void run(OrderLoad load) throws InterruptedException, IOException {
		ScenarioContext ctx = this.context;
		// the run's warm-up, earlier than otherwise: a floor of a cold JIT is no floor
		this.start.warmUp(load);
		this.start.settle(load, "http-floors");
		Duration run = ctx.quickOr(Duration.ofSeconds(1), Duration.ofSeconds(3));
		OrderApi api = load.api();
		Map<String, Object> details = new LinkedHashMap<>();
		Floor catalog = floor(load, run, api::readCatalog);
		report(CATALOG, "stack CPU per authenticated GET /v1/catalog (order-intake's HTTP floor)", catalog, details);
		String orderId = doneOrder(api);
		Floor order = (orderId != null) ? floor(load, run, () -> api.readOrder(orderId).statusCode())
				: new Floor(Double.NaN, 0, 0, new double[0], "no DONE order to read");
		report(ORDER_READ, "stack CPU per GET /v1/orders/{id}, no long poll (status-service's read floor)", order,
				details);
		details.put("clients", CLIENTS);
		details.put("runs", RUNS);
		details.put("runSeconds", run.toMillis() / 1e3);
		ctx.report().detail("httpFloors", details);
	}

	private void report(String key, String label, Floor floor, Map<String, Object> details) {
		ScenarioContext ctx = this.context;
		ctx.baselines().put(key, floor.cpuMsPerRequest());
		ctx.report().figure("baseline", label, floor.cpuMsPerRequest(), "ms");
		ctx.report()
			.costFloor(label + ", " + CLIENTS + " keep-alive clients, median of " + RUNS, floor.cpuMsPerRequest());
		ctx.out()
			.printf(Locale.ROOT, "   %s: %s ms (runs %s; %,d requests, %d not 200; CPU %s)%n", label,
					Report.number(floor.cpuMsPerRequest()), Arrays.toString(floor.runs()), floor.requests(),
					floor.errors(), floor.source());
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("cpuMsPerRequest", Report.round(floor.cpuMsPerRequest()));
		json.put("runsCpuMsPerRequest", Arrays.stream(floor.runs()).map(Report::round).boxed().toList());
		json.put("requests", floor.requests());
		json.put("not200", floor.errors());
		json.put("cpuSource", floor.source());
		details.put(key, json);
	}

	/** One warm-up run, then {@link #RUNS} measured ones. */
	private Floor floor(OrderLoad load, Duration run, Request request) throws InterruptedException {
		closedLoop(run, request);
		double[] runs = new double[RUNS];
		long requests = 0;
		long errors = 0;
		String source = "not read";
		for (int i = 0; i < RUNS; i++) {
			CostSample before = this.context.meter().cpu(load);
			long[] answered = closedLoop(run, request);
			CostSample after = this.context.meter().cpu(load);
			OrderCost cost = OrderCost.between(before, after, answered[0], this.context.meter().groups());
			double stack = cost.perOrder(CostFigure.CPU_STACK);
			runs[i] = !Double.isNaN(stack) ? stack : cost.perOrder(CostFigure.CPU_PROCESS);
			source = !Double.isNaN(stack) ? "threads of the three services + broker"
					: !Double.isNaN(runs[i]) ? "the whole JVM of the stack (Prometheus)" : "not measured";
			requests += answered[0];
			errors += answered[1];
		}
		return new Floor(median(runs), requests, errors, runs, source);
	}

	/**
	 * The median of a few figures, those not measured left out.
	 * @param values the figures
	 * @return the median, or {@code NaN} if none was measured
	 */
	static double median(double[] values) {
		double[] measured = Arrays.stream(values).filter((value) -> !Double.isNaN(value)).sorted().toArray();
		if (measured.length == 0) {
			return Double.NaN;
		}
		int middle = measured.length / 2;
		return (measured.length % 2 == 1) ? measured[middle] : (measured[middle - 1] + measured[middle]) / 2;
	}

	/**
	 * {@link #CLIENTS} clients, each sending its next request once the last is answered.
	 */
	private static long[] closedLoop(Duration run, Request request) throws InterruptedException {
		AtomicLong ok = new AtomicLong();
		AtomicLong notOk = new AtomicLong();
		long deadline = System.nanoTime() + run.toNanos();
		ExecutorService clients = Executors.newFixedThreadPool(CLIENTS, DaemonThreads.named("bench-floor"));
		CountDownLatch finished = new CountDownLatch(CLIENTS);
		try {
			for (int c = 0; c < CLIENTS; c++) {
				clients.execute(() -> {
					try {
						while (System.nanoTime() < deadline) {
							try {
								((request.send() == 200) ? ok : notOk).incrementAndGet();
							}
							catch (IOException ex) {
								notOk.incrementAndGet();
							}
						}
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
					finally {
						finished.countDown();
					}
				});
			}
			finished.await(run.toSeconds() + 30, TimeUnit.SECONDS);
		}
		finally {
			clients.shutdownNow();
		}
		return new long[] { ok.get(), notOk.get() };
	}

	/** Places one order and waits until a plain read shows it DONE. */
	private static @Nullable String doneOrder(OrderApi api) throws InterruptedException, IOException {
		HttpResponse<String> placed = api.place(0);
		Optional<String> id = OrderApi.orderId(placed.body());
		if (placed.statusCode() != 202 || id.isEmpty()) {
			return null;
		}
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (System.nanoTime() < deadline) {
			HttpResponse<String> read = api.readOrder(id.get());
			if (read.statusCode() == 200 && OrderApi.status(read.body()).equals("DONE")) {
				return id.get();
			}
			TimeUnit.MILLISECONDS.sleep(100);
		}
		return null;
	}

	private interface Request {

		int send() throws IOException, InterruptedException;

	}

	/**
	 * A floor.
	 *
	 * @param cpuMsPerRequest the median's stack CPU per answered request, or {@code NaN}
	 * @param requests requests answered with 200 over the measured runs
	 * @param errors requests answered otherwise or not at all
	 * @param runs each run's figure
	 * @param source where the CPU came from
	 */
	private record Floor(double cpuMsPerRequest, long requests, long errors, double[] runs, String source) {

	}

}
