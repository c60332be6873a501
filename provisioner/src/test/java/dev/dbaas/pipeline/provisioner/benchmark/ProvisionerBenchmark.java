package dev.dbaas.pipeline.provisioner.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.dbaas.pipeline.events.OrderPlaced;
import dev.dbaas.pipeline.events.OrderStatus;
import dev.dbaas.pipeline.events.OrderStatusChanged;
import dev.dbaas.pipeline.provisioner.support.Orders;
import dev.dbaas.pipeline.provisioner.support.ProvisionerInstance;
import dev.dbaas.pipeline.provisioner.support.ProvisionerTopics;
import dev.dbaas.pipeline.testkit.PipelineEnvironment;
import dev.dbaas.pipeline.testkit.RealInfrastructure;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static java.util.Map.entry;

/**
 * How many orders per second the fleet provisions when each order takes 200 ms of
 * simulated backend time (six steps: 5 x 33 ms + 35 ms) and one instance runs 64
 * provisionings at once. The ideal is 64 / 0.2 s = 320 orders/s per instance.
 *
 * <p>
 * Runs, in one JVM on the same broker and database:
 * <ol>
 * <li>baseline: one instance, zero latency: the CPU limit of this machine for the whole
 * pipeline (listener, job store, backend bookkeeping, outbox relay);</li>
 * <li>one instance, 200 ms per order;</li>
 * <li>two instances, 200 ms per order;</li>
 * <li>one and two instances with 16 provisionings at once each (ideal 80 orders/s per
 * instance), which stays below the CPU limit and shows how the fleet scales out where the
 * CPU allows.</li>
 * </ol>
 * Figures, not assertions. Prints a table and writes
 * {@code target/benchmarks/provisioner.json}.
 */
@RealInfrastructure
class ProvisionerBenchmark {

	private static final int ORDERS = Integer.getInteger("benchmark.orders", 1500);

	private static final Map<String, String> PROVISIONING_200_MS = Map.ofEntries(
			entry("provisioner.simulation.step-latency", "33ms"),
			entry("provisioner.simulation.steps.health-check.latency", "35ms"));

	private static final Map<String, String> NO_LATENCY = Map.of("provisioner.simulation.step-latency", "0ms");

	@RegisterExtension
	static final ProvisionerTopics topics = new ProvisionerTopics();

	@Test
	void measuresThroughputOfOneAndTwoInstances(PipelineEnvironment env) throws IOException {
		int cores = Runtime.getRuntime().availableProcessors();
		run(env, "warm-up", 1, 64, NO_LATENCY, 300);
		Result cpuLimit = run(env, "1 instance, 0 ms/order (CPU limit)", 1, 64, NO_LATENCY, ORDERS);
		Result one = run(env, "1 instance, 200 ms/order", 1, 64, PROVISIONING_200_MS, ORDERS);
		Result two = run(env, "2 instances, 200 ms/order", 2, 64, PROVISIONING_200_MS, ORDERS * 2);
		// Below the CPU limit: 16 at once per instance, ideal 80 orders/s per instance.
		Result oneSmall = run(env, "1 instance x16, 200 ms/order", 1, 16, PROVISIONING_200_MS, ORDERS / 3);
		Result twoSmall = run(env, "2 instances x16, 200 ms/order", 2, 16, PROVISIONING_200_MS, ORDERS * 2 / 3);

		double ideal = 64 / 0.2;
		double oneTarget = Math.min(ideal, cpuLimit.throughput());
		StringBuilder table = new StringBuilder();
		table.append(
				String.format(Locale.ROOT, "%nProvisioner benchmark (%d cores, concurrency 64 per instance)%n", cores));
		table.append(String.format(Locale.ROOT, "%-36s %8s %10s %9s %9s %9s %7s %12s%n", "run", "orders", "orders/s",
				"p50 ms", "p99 ms", "max ms", "cpu %", "jvm cpu ms/o"));
		for (Result result : List.of(cpuLimit, one, two, oneSmall, twoSmall)) {
			table.append(String.format(Locale.ROOT, "%-36s %8d %10.1f %9d %9d %9d %7.0f %12.1f%n", result.name(),
					result.orders(), result.throughput(), result.p50Millis(), result.p99Millis(), result.maxMillis(),
					result.cpuPercent(), result.jvmCpuMillisPerOrder()));
		}
		table.append(String.format(Locale.ROOT,
				"1 instance vs ideal %.0f orders/s: %.2f; vs min(ideal, CPU limit %.0f): %.2f%n", ideal,
				one.throughput() / ideal, cpuLimit.throughput(), one.throughput() / oneTarget));
		table.append(String.format(Locale.ROOT, "2 instances vs 1 instance (64 each): %.2fx%n",
				two.throughput() / one.throughput()));
		table.append(String.format(Locale.ROOT, "2 instances vs 1 instance (16 each, ideal 80 orders/s each): %.2fx%n",
				twoSmall.throughput() / oneSmall.throughput()));
		System.out.println(table);

		Map<String, Object> json = new LinkedHashMap<>();
		json.put("cores", cores);
		json.put("concurrencyPerInstance", 64);
		json.put("simulatedProvisioningMillis", 200);
		json.put("idealOrdersPerSecondOneInstance", ideal);
		json.put("runs", List.of(cpuLimit.toJson(), one.toJson(), two.toJson(), oneSmall.toJson(), twoSmall.toJson()));
		json.put("oneInstanceVsIdeal", one.throughput() / ideal);
		json.put("oneInstanceVsCpuBoundTarget", one.throughput() / oneTarget);
		json.put("twoInstancesVsOne", two.throughput() / one.throughput());
		json.put("twoInstancesVsOneBelowCpuLimit", twoSmall.throughput() / oneSmall.throughput());
		Path out = Path.of("target", "benchmarks", "provisioner.json");
		Files.createDirectories(out.getParent());
		Files.writeString(out, toJson(json));
	}

	private static Result run(PipelineEnvironment env, String name, int instances, int concurrency,
			Map<String, String> knobs, int orders) {
		List<ProvisionerInstance> fleet = new ArrayList<>();
		try {
			for (int i = 0; i < instances; i++) {
				Map<String, String> properties = new LinkedHashMap<>(knobs);
				properties.put("provisioner.workers.concurrency", String.valueOf(concurrency));
				properties.put("provisioner.workers.poll-interval", "20ms");
				properties.put("provisioner.outbox.poll-interval", "20ms");
				properties.put("logging.level.root", "WARN");
				fleet.add(ProvisionerInstance.start(env, "bench-" + name.hashCode() + "-" + i, properties));
			}
			List<OrderPlaced> batch = Orders.ordersPlaced(orders);
			CpuSample cpuBefore = CpuSample.now();
			long jvmCpuBefore = jvmCpuNanos();
			Instant started = Instant.now();
			topics.place(batch);
			topics.awaitAllTerminal(batch, Duration.ofMinutes(5));
			CpuSample cpuAfter = CpuSample.now();
			double jvmCpuMillisPerOrder = (jvmCpuNanos() - jvmCpuBefore) / 1e6 / orders;
			Histogram latencies = new Histogram(3_600_000L, 3);
			Instant lastDone = started;
			for (OrderPlaced order : batch) {
				OrderStatusChanged terminal = topics.terminalEventsOf(order.getOrderId()).get(0);
				if (terminal.getStatus() != OrderStatus.DONE) {
					throw new IllegalStateException("order " + order.getOrderId() + " ended " + terminal.getStatus());
				}
				latencies.recordValue(Math.max(0, Duration.between(started, terminal.getOccurredAt()).toMillis()));
				if (terminal.getOccurredAt().isAfter(lastDone)) {
					lastDone = terminal.getOccurredAt();
				}
			}
			double seconds = Duration.between(started, lastDone).toMillis() / 1000.0;
			return new Result(name, instances, orders, orders / seconds, latencies.getValueAtPercentile(50),
					latencies.getValueAtPercentile(99), latencies.getMaxValue(), cpuBefore.busyPercentUntil(cpuAfter),
					jvmCpuMillisPerOrder);
		}
		finally {
			fleet.forEach(ProvisionerInstance::close);
		}
	}

	/**
	 * CPU time of this JVM: instances, Kafka broker and the test's consumers; not
	 * PostgreSQL.
	 */
	private static long jvmCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
			.getOperatingSystemMXBean()).getProcessCpuTime();
	}

	private static String toJson(Object value) {
		if (value instanceof Map<?, ?> map) {
			List<String> fields = new ArrayList<>();
			map.forEach((key, field) -> fields.add("\"" + key + "\": " + toJson(field)));
			return "{" + String.join(", ", fields) + "}";
		}
		if (value instanceof List<?> list) {
			return "[" + String.join(", ", list.stream().map(ProvisionerBenchmark::toJson).toList()) + "]";
		}
		if (value instanceof String text) {
			return "\"" + text.replace("\"", "\\\"") + "\"";
		}
		if (value instanceof Double number) {
			return String.format(Locale.ROOT, "%.3f", number);
		}
		return String.valueOf(value);
	}

	/**
	 * Latencies are from the moment the batch started being sent to each order's DONE, so
	 * they include queueing behind earlier orders of the batch.
	 */
	private record Result(String name, int instances, int orders, double throughput, long p50Millis, long p99Millis,
			long maxMillis, double cpuPercent, double jvmCpuMillisPerOrder) {

		Map<String, Object> toJson() {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("name", this.name);
			json.put("instances", this.instances);
			json.put("orders", this.orders);
			json.put("ordersPerSecond", this.throughput);
			json.put("p50MillisSinceBatchStart", this.p50Millis);
			json.put("p99MillisSinceBatchStart", this.p99Millis);
			json.put("machineCpuBusyPercent", this.cpuPercent);
			json.put("jvmCpuMillisPerOrder", this.jvmCpuMillisPerOrder);
			return json;
		}

	}

	/** Machine-wide CPU time from /proc/stat: broker, database and JVM together. */
	private record CpuSample(long busy, long total) {

		static CpuSample now() {
			try {
				String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
				long total = 0;
				for (int i = 1; i < fields.length; i++) {
					total += Long.parseLong(fields[i]);
				}
				long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
				return new CpuSample(total - idle, total);
			}
			catch (IOException | RuntimeException ex) {
				return new CpuSample(0, 0);
			}
		}

		double busyPercentUntil(CpuSample later) {
			long total = later.total - this.total;
			return (total > 0) ? 100.0 * (later.busy - this.busy) / total : Double.NaN;
		}

	}

}
