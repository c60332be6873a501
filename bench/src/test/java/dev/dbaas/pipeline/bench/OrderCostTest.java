package dev.dbaas.pipeline.bench;

import java.util.Map;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class OrderCostTest {

	private static final ThreadGroups GROUPS = ThreadGroups.forStack(8081, 8082, 8083);

	private static PostgresCounters.Reading postgres(long intake, long provisioner, long status, long walSyncs,
			long walWrites, long nextXid) {
		return new PostgresCounters.Reading(170006,
				Map.of("intake", intake, "provisioner", provisioner, "status", status, "postgres", 5_000L),
				Map.of("intake", intake * 2, "provisioner", provisioner * 3, "status", status), walWrites, walSyncs,
				nextXid);
	}

	private static CostSample.ThreadTime thread(String name, long millis) {
		return new CostSample.ThreadTime(name, millis * 1_000_000);
	}

	@Test
	void dividesEachCounterDifferenceByTheDoneOrders() {
		CostSample before = new CostSample(0, 100, postgres(1_000, 2_000, 3_000, 400, 500, 10_000), null, -1,
				Double.NaN, Map.of("dbaas.order.placed.v1", 50L, "dbaas.order.status.v1", 400L));
		CostSample after = new CostSample(10_000_000_000L, 300, postgres(1_100, 4_800, 3_500, 700, 900, 12_000), null,
				-1, Double.NaN, Map.of("dbaas.order.placed.v1", 250L, "dbaas.order.status.v1", 2_000L,
						"dbaas.order.status.v1.dlt", 2L));

		OrderCost cost = OrderCost.between(before, after, 200, null);

		assertThat(cost.doneOrders()).isEqualTo(200);
		assertThat(cost.seconds()).isEqualTo(10.0);
		assertThat(cost.perOrder(CostFigure.COMMITS_INTAKE)).isEqualTo(0.5);
		assertThat(cost.perOrder(CostFigure.COMMITS_PROVISIONER)).isEqualTo(14.0);
		assertThat(cost.perOrder(CostFigure.COMMITS_STATUS)).isEqualTo(2.5);
		assertThat(cost.perOrder(CostFigure.COMMITS)).isEqualTo(17.0);
		assertThat(cost.perOrder(CostFigure.ROWS_WRITTEN)).isEqualTo((200 + 8_400 + 500) / 200.0);
		assertThat(cost.perOrder(CostFigure.WRITING_TRANSACTIONS)).isEqualTo(10.0);
		assertThat(cost.perOrder(CostFigure.WAL_SYNCS)).isEqualTo(1.5);
		assertThat(cost.perOrder(CostFigure.WAL_WRITES)).isEqualTo(2.0);
		assertThat(cost.perOrder(CostFigure.KAFKA_PLACED)).isEqualTo(1.0);
		assertThat(cost.perOrder(CostFigure.KAFKA_STATUS)).isEqualTo(8.0);
		assertThat(cost.perOrder(CostFigure.KAFKA_DEAD_LETTERS)).isEqualTo(0.01);
		assertThat(cost.perOrder(CostFigure.KAFKA_RECORDS)).isEqualTo(9.01);
	}

	@Test
	void groupsThreadCpuAndLeavesTheCpuOfEndedThreadsUnattributed() {
		Map<Long, CostSample.ThreadTime> before = Map.of(1L, thread("http-nio-8081-exec-1", 100), 2L,
				thread("provisioning-worker-1", 1_000), 3L, thread("data-plane-kafka-request-handler-0", 50), 4L,
				thread("Thread-9", 30));
		// thread 4 ended in the window; thread 5 started in it
		Map<Long, CostSample.ThreadTime> after = Map.of(1L, thread("http-nio-8081-exec-1", 300), 2L,
				thread("provisioning-worker-1", 1_800), 3L, thread("data-plane-kafka-request-handler-0", 250), 5L,
				thread("status-order-status-0-C-1", 400), 6L, thread("bench-http-1", 100), 7L,
				thread("scheduling-1", 20));
		CostSample start = new CostSample(0, 0, null, before, 5_000_000_000L, Double.NaN, null);
		CostSample end = new CostSample(1, 100, null, after, 7_000_000_000L, Double.NaN, null);

		OrderCost cost = OrderCost.between(start, end, 100, GROUPS);

		assertThat(cost.perOrder(CostFigure.CPU_INTAKE)).isEqualTo(2.0);
		assertThat(cost.perOrder(CostFigure.CPU_PROVISIONER)).isEqualTo(8.0);
		assertThat(cost.perOrder(CostFigure.CPU_STATUS)).isEqualTo(4.0);
		assertThat(cost.perOrder(CostFigure.CPU_BROKER)).isEqualTo(2.0);
		assertThat(cost.perOrder(CostFigure.CPU_STACK)).isEqualTo(16.0);
		assertThat(cost.perOrder(CostFigure.CPU_BENCH)).isEqualTo(1.0);
		assertThat(cost.perOrder(CostFigure.CPU_OTHER)).isEqualTo(0.2);
		// no native threads read: the JIT's threads are hidden from the ThreadMXBean
		assertThat(cost.perOrder(CostFigure.CPU_JVM)).isNaN();
		assertThat(cost.perOrder(CostFigure.CPU_GC_VM)).isNaN();
		assertThat(cost.perOrder(CostFigure.CPU_PROCESS)).isEqualTo(20.0);
		// 2,000 ms of process CPU, 1,720 ms on threads alive at the end
		assertThat(cost.perOrder(CostFigure.CPU_UNATTRIBUTED)).isCloseTo(2.8, within(1e-9));
		assertThat(cost.busiestOther()).containsEntry("scheduling-N", 20.0);
	}

	@Test
	void splitsTheCpuOfAnAttachedLauncherByServiceWithItsHttpThreadsApartAndNoBenchRow() {
		ThreadGroups launcher = ThreadGroups.forLauncher(8081, 8082, 8083);
		Map<Long, CostSample.ThreadTime> before = Map.of(1L, thread("http-nio-127.0.0.1-8081-exec-1", 100), 2L,
				thread("http-nio-127.0.0.1-8083-exec-7", 1_000), 3L, thread("status-order-status-0-C-1", 10), 4L,
				thread("main", 5));
		Map<Long, CostSample.ThreadTime> after = Map.of(1L, thread("http-nio-127.0.0.1-8081-exec-1", 300), 2L,
				thread("http-nio-127.0.0.1-8083-exec-7", 1_500), 3L, thread("status-order-status-0-C-1", 110), 4L,
				thread("main", 5), 5L, thread("portal-1", 40), 6L, thread("http-nio-127.0.0.1-8083-Poller", 100));
		CostSample start = new CostSample(0, 0, null, before, 1_000_000_000L, Double.NaN, null, 1_000);
		CostSample end = new CostSample(1, 100, null, after, 2_000_000_000L, Double.NaN, null, 1_860);

		OrderCost cost = OrderCost.between(start, end, 100, launcher);

		assertThat(cost.perOrder(CostFigure.CPU_INTAKE)).isEqualTo(2.0);
		assertThat(cost.perOrder(CostFigure.CPU_STATUS)).isEqualTo(7.0);
		assertThat(cost.perOrder(CostFigure.CPU_HTTP)).isEqualTo(8.0);
		assertThat(cost.perOrder(CostFigure.CPU_OTHER)).isEqualTo(0.4);
		assertThat(cost.perOrder(CostFigure.CPU_BENCH)).as("the bench is not in the launcher's JVM").isNaN();
		assertThat(cost.perOrder(CostFigure.HTTP_REQUESTS)).isEqualTo(8.6);
		assertThat(cost.busiestOther()).containsKey("portal-N");
	}

	@Test
	void attributesTheJitAndGcThreadsReadFromProcAndLeavesWhatRemainsUnattributed() {
		ThreadGroups launcher = ThreadGroups.forLauncher(8081, 8082, 8083);
		Map<Long, CostSample.ThreadTime> javaBefore = Map.of(1L, thread("http-nio-127.0.0.1-8081-exec-1", 100), 2L,
				thread("Common-Cleaner", 10));
		Map<Long, CostSample.ThreadTime> javaAfter = Map.of(1L, thread("http-nio-127.0.0.1-8081-exec-1", 300), 2L,
				thread("Common-Cleaner", 30));
		Map<Long, CostSample.ThreadTime> nativeBefore = Map.of(9131L, thread("C2 CompilerThre", 1_000), 9132L,
				thread("C1 CompilerThre", 200), 9120L, thread("GC Thread#0", 500), 9125L, thread("VM Thread", 50),
				9119L, thread("java", 5), 9300L, thread("http-nio-127.0.", 100), 9138L, thread("GC Thread#1", 80),
				9500L, thread("G1 Refine#1", 400));
		// 9400 started in the window, 9138 ended in it, and the kernel gave 9500 to a new
		// compiler thread; 9119 (main) and 9300 (a Tomcat worker) are Java threads
		Map<Long, CostSample.ThreadTime> nativeAfter = Map.of(9131L, thread("C2 CompilerThre", 2_700), 9132L,
				thread("C1 CompilerThre", 260), 9120L, thread("GC Thread#0", 900), 9125L, thread("VM Thread", 70),
				9119L, thread("java", 5), 9300L, thread("http-nio-127.0.", 300), 9400L, thread("G1 Conc#1", 30), 9500L,
				thread("C2 CompilerThre", 50));
		CostSample start = new CostSample(0, 0, null, javaBefore, 10_000_000_000L, Double.NaN, null, 0, nativeBefore,
				-1);
		CostSample end = new CostSample(1, 100, null, javaAfter, 13_000_000_000L, Double.NaN, null, 0, nativeAfter, -1);

		OrderCost cost = OrderCost.between(start, end, 100, launcher);

		assertThat(cost.perOrder(CostFigure.CPU_INTAKE)).isEqualTo(2.0);
		// Common-Cleaner 20 ms, C2 1,700 ms, C1 60 ms, the new C2 thread 50 ms
		assertThat(cost.totals().get(CostFigure.CPU_JVM)).isCloseTo(1_830.0, within(1e-9));
		// GC Thread#0 400 ms, VM Thread 20 ms, G1 Conc#1 30 ms
		assertThat(cost.totals().get(CostFigure.CPU_GC_VM)).isCloseTo(450.0, within(1e-9));
		assertThat(cost.totals().get(CostFigure.CPU_PROCESS)).isEqualTo(3_000.0);
		// 3,000 ms of process CPU, 2,480 ms on the rows
		assertThat(cost.totals().get(CostFigure.CPU_UNATTRIBUTED)).isCloseTo(520.0, within(1e-9));
		assertThat(cost.perOrder(CostFigure.CPU_UNATTRIBUTED)).isCloseTo(5.2, within(1e-9));
		assertThat(cost.perOrder(CostFigure.CPU_STACK)).as("the JIT and GC are not the services' CPU").isEqualTo(2.0);
	}

	@Test
	void aNativeThreadNamedAsALiveJavaThreadIsThatJavaThreadCountedOnce() {
		ThreadGroups launcher = ThreadGroups.forLauncher(8081, 8082, 8083);
		// a JVM that shows its Service Thread to the ThreadMXBean
		CostSample start = new CostSample(0, 0, null, Map.of(1L, thread("Service Thread", 100)), 1_000_000_000L,
				Double.NaN, null, 0, Map.of(9140L, thread("Service Thread", 100)), -1);
		CostSample end = new CostSample(1, 10, null, Map.of(1L, thread("Service Thread", 400)), 2_000_000_000L,
				Double.NaN, null, 0, Map.of(9140L, thread("Service Thread", 400)), -1);

		OrderCost cost = OrderCost.between(start, end, 10, launcher);

		assertThat(cost.totals().get(CostFigure.CPU_JVM)).isEqualTo(300.0);
		assertThat(cost.totals().get(CostFigure.CPU_UNATTRIBUTED)).isEqualTo(700.0);
	}

	@Test
	void withoutTheNativeThreadsTheJitAndGcRowsAreNotMeasuredAndTheJvmsJavaThreadsAreUnattributed() {
		ThreadGroups launcher = ThreadGroups.forLauncher(8081, 8082, 8083);
		CostSample start = new CostSample(0, 0, null,
				Map.of(1L, thread("http-nio-127.0.0.1-8081-exec-1", 100), 2L, thread("Common-Cleaner", 10)),
				1_000_000_000L, Double.NaN, null);
		CostSample end = new CostSample(1, 10, null,
				Map.of(1L, thread("http-nio-127.0.0.1-8081-exec-1", 300), 2L, thread("Common-Cleaner", 30)),
				2_000_000_000L, Double.NaN, null);

		OrderCost cost = OrderCost.between(start, end, 10, launcher);

		assertThat(cost.perOrder(CostFigure.CPU_JVM)).isNaN();
		assertThat(cost.perOrder(CostFigure.CPU_GC_VM)).isNaN();
		assertThat(cost.totals().get(CostFigure.CPU_INTAKE)).isEqualTo(200.0);
		assertThat(cost.totals().get(CostFigure.CPU_UNATTRIBUTED)).isEqualTo(800.0);
		assertThat(cost.toJson()).extractingByKey("totals")
			.asInstanceOf(InstanceOfAssertFactories.MAP)
			.doesNotContainKeys("CPU_JVM", "CPU_GC_VM");
	}

	@Test
	void measuresTheJitCompileTimeOfTheWindowWhereItWasReadAtBothEnds() {
		CostSample start = new CostSample(0, 0, null, null, -1, Double.NaN, null, 0, null, 41_000);
		CostSample end = new CostSample(30_000_000_000L, 100, null, null, -1, Double.NaN, null, 0, null, 41_600);

		OrderCost cost = OrderCost.between(start, end, 100, null);
		OrderCost unread = OrderCost.between(start,
				new CostSample(30_000_000_000L, 100, null, null, -1, Double.NaN, null, 0, null, -1), 100, null);

		assertThat(cost.jitCompileMillis()).isEqualTo(600.0);
		assertThat(cost.jitCompileMillisPerSecond()).isEqualTo(20.0);
		assertThat(cost.toJson()).containsEntry("jitCompileMs", 600.0).containsEntry("jitCompileMsPerSecond", 20.0);
		assertThat(unread.jitCompileMillisPerSecond()).isNaN();
		assertThat(unread.toJson()).doesNotContainKey("jitCompileMs");
	}

	@Test
	void leavesTheHttpRequestsNotMeasuredWhenASampleDidNotCountThem() {
		CostSample before = new CostSample(0, 0, null, null, -1, 1.0, null);
		CostSample after = new CostSample(1, 10, null, null, -1, 2.0, null, 500);

		OrderCost cost = OrderCost.between(before, after, 10, null);

		assertThat(cost.perOrder(CostFigure.HTTP_REQUESTS)).isNaN();
		assertThat(cost.perOrder(CostFigure.CPU_HTTP)).isNaN();
		assertThat(cost.perOrder(CostFigure.CPU_PROCESS)).isEqualTo(100.0);
	}

	@Test
	void leavesWhatWasNotReadAtBothEndsNotMeasured() {
		CostSample before = new CostSample(0, -1, null, null, -1, 12.0, Map.of());
		CostSample after = new CostSample(1, -1, postgres(1, 1, 1, 1, 1, 1), null, -1, 14.5, null);

		OrderCost cost = OrderCost.between(before, after, 500, null);

		assertThat(cost.perOrder(CostFigure.COMMITS)).isNaN();
		assertThat(cost.perOrder(CostFigure.WAL_SYNCS)).isNaN();
		assertThat(cost.perOrder(CostFigure.CPU_STACK)).isNaN();
		assertThat(cost.perOrder(CostFigure.KAFKA_RECORDS)).isNaN();
		// the stack's JVM from its Prometheus: one figure, not split by service
		assertThat(cost.perOrder(CostFigure.CPU_PROCESS)).isEqualTo(5.0);
		assertThat(cost.toJson()).extractingByKey("perDoneOrder").isEqualTo(Map.of("CPU_PROCESS", 5.0));
	}

	@Test
	void aWindowWithoutDoneOrdersMeasuresNothingPerOrder() {
		CostSample before = new CostSample(0, 10, postgres(1, 1, 1, 1, 1, 1), null, -1, Double.NaN, null);
		CostSample after = new CostSample(1, 10, postgres(9, 9, 9, 9, 9, 9), null, -1, Double.NaN, null);

		OrderCost cost = OrderCost.between(before, after, 0, null);

		assertThat(cost.perOrder(CostFigure.COMMITS)).isNaN();
		assertThat(cost.totals().get(CostFigure.COMMITS)).isEqualTo(24.0);
	}

	@Test
	void aServerWithoutTheServiceDatabasesMeasuresNoCommitsPerService() {
		PostgresCounters.Reading other = new PostgresCounters.Reading(170006, Map.of("postgres", 10L), Map.of(), 1, 1,
				1);
		PostgresCounters.Reading later = new PostgresCounters.Reading(170006, Map.of("postgres", 90L), Map.of(), 3, 5,
				2);
		CostSample before = new CostSample(0, 0, other, null, -1, Double.NaN, null);
		CostSample after = new CostSample(1, 4, later, null, -1, Double.NaN, null);

		OrderCost cost = OrderCost.between(before, after, 4, null);

		assertThat(cost.perOrder(CostFigure.COMMITS)).isNaN();
		assertThat(cost.perOrder(CostFigure.COMMITS_PROVISIONER)).isNaN();
		assertThat(cost.perOrder(CostFigure.WAL_SYNCS)).isEqualTo(1.0);
	}

	@Test
	void baselineCostIsPerTransactionOfItsOwnDatabase() {
		PostgresCounters.Reading before = new PostgresCounters.Reading(180001,
				Map.of("bench_baseline", 3L, "provisioner", 10L), Map.of(), 100, 50, 1);
		PostgresCounters.Reading after = new PostgresCounters.Reading(180001,
				Map.of("bench_baseline", 1_003L, "provisioner", 500L), Map.of(), 1_300, 1_100, 1_001);

		Map<String, Double> baseline = OrderCost.baselinePerTransaction(before, after, "bench_baseline", 1_000,
				50_000_000);

		assertThat(baseline).containsEntry("commits", 1.0)
			.containsEntry("walSyncs", 1.05)
			.containsEntry("walWrites", 1.2)
			.containsEntry("cpuMs", 0.05);
	}

	@Test
	void baselineWithoutPostgresHasOnlyItsCpu() {
		assertThat(OrderCost.baselinePerTransaction(null, null, "bench_baseline", 10, 10_000_000))
			.containsOnlyKeys("cpuMs");
	}

}
