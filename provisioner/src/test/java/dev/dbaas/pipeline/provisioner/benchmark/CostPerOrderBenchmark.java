package dev.dbaas.pipeline.provisioner.benchmark;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.dbaas.pipeline.events.OrderPlaced;
import dev.dbaas.pipeline.events.OrderStatus;
import dev.dbaas.pipeline.provisioner.support.Orders;
import dev.dbaas.pipeline.provisioner.support.ProvisionerInstance;
import dev.dbaas.pipeline.provisioner.support.ProvisionerTopics;
import dev.dbaas.pipeline.testkit.PipelineEnvironment;
import dev.dbaas.pipeline.testkit.RealInfrastructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.jdbc.core.simple.JdbcClient;

import static java.util.Map.entry;

/**
 * What one finished order costs the provisioner's PostgreSQL and this JVM, with the
 * instant simulated backend ({@code step-latency=0ms}) and one instance at its defaults:
 * commits ({@code pg_stat_database.xact_commit} of the provisioner's database, read-only
 * transactions included), writing transactions (how far the server's next transaction id
 * moved), WAL flushes (server-wide, only meaningful with
 * {@code -Dpipeline.testkit.postgres.durable=true}) and JVM CPU (instance, broker and the
 * test's own consumers; not PostgreSQL).
 *
 * <p>
 * Two runs: a burst (every order placed at once, the fleet saturated) and a paced run
 * (orders at a fixed rate, far below capacity: what light load costs). Each run starts
 * its instance, lets the server publish the start-up's counters, then counts from the
 * first order until the instance has stopped (a stopped backend publishes what it
 * counted), so start-up is left out and shut-down counted in.
 *
 * <p>
 * Figures, not assertions: {@code ./mvnw -B -pl provisioner -am verify -Pbenchmark
 * -Dtest=CostPerOrderBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@RealInfrastructure
class CostPerOrderBenchmark {

	private static final int BURST = Integer.getInteger("benchmark.orders", 1500);

	private static final int PACED_RATE = Integer.getInteger("benchmark.rate", 100);

	private static final int PACED = Integer.getInteger("benchmark.paced-orders", 1000);

	/** The server publishes an idle backend's counters within ten seconds. */
	private static final Duration STATISTICS_SETTLE = Duration.ofSeconds(11);

	private static final Map<String, String> INSTANT = Map
		.ofEntries(entry("provisioner.simulation.step-latency", "0ms"), entry("logging.level.root", "WARN"));

	@RegisterExtension
	static final ProvisionerTopics topics = new ProvisionerTopics();

	@Test
	void measuresCommitsAndCpuPerFinishedOrder(PipelineEnvironment env) throws InterruptedException {
		JdbcClient jdbc = JdbcClient.create(env.dataSource());
		run(env, jdbc, "warm-up", 300, 0);
		List<Result> results = new ArrayList<>();
		results.add(run(env, jdbc, "burst of " + BURST, BURST, 0));
		results.add(run(env, jdbc, PACED + " at " + PACED_RATE + "/s", PACED, PACED_RATE));
		StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
				"%nProvisioner cost per finished order (instant backend, 1 instance, %d cores, load %.1f)%n",
				Runtime.getRuntime().availableProcessors(),
				ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
		table.append(String.format(Locale.ROOT, "%-22s %7s %9s %9s %12s %11s %12s%n", "run", "orders", "seconds",
				"commits/o", "writing tx/o", "wal sync/o", "jvm cpu ms/o"));
		for (Result result : results) {
			table.append(String.format(Locale.ROOT, "%-22s %7d %9.1f %9.2f %12.2f %11.2f %12.2f%n", result.name(),
					result.orders(), result.seconds(), result.commits() / (double) result.orders(),
					result.writingTransactions() / (double) result.orders(),
					result.walSyncs() / (double) result.orders(), result.jvmCpuMillis() / result.orders()));
		}
		System.out.println(table);
	}

	private static Result run(PipelineEnvironment env, JdbcClient jdbc, String name, int count, int rate)
			throws InterruptedException {
		List<OrderPlaced> orders = Orders.ordersPlaced(count);
		Counters before;
		Counters after;
		long cpuBefore;
		long started;
		try (ProvisionerInstance instance = ProvisionerInstance.start(env, "cost-" + name.hashCode(), INSTANT)) {
			// Measurement, not an async outcome: the start-up's counters must be
			// published before the first reading.
			Thread.sleep(STATISTICS_SETTLE.toMillis());
			before = Counters.read(jdbc, env.database());
			cpuBefore = jvmCpuNanos();
			started = System.nanoTime();
			if (rate <= 0) {
				topics.place(orders);
			}
			else {
				for (int i = 0; i < orders.size(); i++) {
					long due = started + TimeUnit.SECONDS.toNanos(i) / rate;
					long wait = due - System.nanoTime();
					if (wait > 0) {
						TimeUnit.NANOSECONDS.sleep(wait);
					}
					topics.place(orders.get(i));
				}
			}
			topics.awaitAllTerminal(orders, Duration.ofMinutes(5));
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		double cpuMillis = (jvmCpuNanos() - cpuBefore) / 1e6;
		Thread.sleep(1_000);
		after = Counters.read(jdbc, env.database());
		for (OrderPlaced order : orders) {
			if (topics.terminalEventsOf(order.getOrderId()).get(0).getStatus() != OrderStatus.DONE) {
				throw new IllegalStateException("order " + order.getOrderId() + " did not end DONE");
			}
		}
		// The readings' own few transactions are within the noise of a thousand orders.
		return new Result(name, count, seconds, after.commits() - before.commits(), after.nextXid() - before.nextXid(),
				after.walSyncs() - before.walSyncs(), cpuMillis);
	}

	private static long jvmCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	private record Result(String name, int orders, double seconds, long commits, long writingTransactions,
			long walSyncs, double jvmCpuMillis) {
	}

	/** PostgreSQL's cumulative counters, read in one transaction. */
	private record Counters(long commits, long nextXid, long walSyncs) {

		static Counters read(JdbcClient jdbc, String database) {
			int version = jdbc.sql("SHOW server_version_num").query(Integer.class).single();
			String wal = (version >= 180000) ? "(SELECT coalesce(sum(fsyncs), 0) FROM pg_stat_io WHERE object = 'wal')"
					: "(SELECT wal_sync FROM pg_stat_wal)";
			return jdbc.sql("""
					SELECT (SELECT xact_commit FROM pg_stat_database WHERE datname = :database) AS commits,
					       pg_snapshot_xmax(pg_current_snapshot())::text::bigint AS next_xid,
					       %s AS wal_syncs
					""".formatted(wal))
				.param("database", database)
				.query((rs, n) -> new Counters(rs.getLong("commits"), rs.getLong("next_xid"), rs.getLong("wal_syncs")))
				.single();
		}

	}

}
