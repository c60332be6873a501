package dev.dbaas.pipeline.bench;

import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.dbaas.pipeline.schemas.Topics;
import org.jspecify.annotations.Nullable;

/**
 * What the stack spent per finished order between two {@link CostSample}s: the difference
 * of each counter divided by the orders that reached DONE in between. A figure whose
 * counters were not read at both ends, or a window without a DONE order, is {@code NaN}:
 * not measured.
 *
 * <p>
 * The thread CPU of a thread is its CPU time at the end minus that at the start (zero for
 * a thread started in between), summed by {@link ThreadGroups}: the Java threads from the
 * {@code ThreadMXBean}, and, where the native threads were read at both ends
 * ({@link NativeThreads}), the JIT's compiler threads, the JVM's hidden service threads
 * and the GC and VM threads by their names in {@code /proc}
 * ({@link ThreadGroups#ofNative}; a native thread named as a live Java thread is that
 * Java thread, counted once). Where the native threads were not read, the JIT and the GC
 * and VM rows are not measured (the JIT's threads are hidden from the
 * {@code ThreadMXBean}), and the JVM's Java service threads go with them into
 * unattributed. A thread that ended in between takes its CPU of the window with it, which
 * then shows as unattributed: unattributed is the process's CPU time minus every row
 * measured, so that the rows add up to the whole JVM. The native threads' times come in
 * clock ticks (10 ms), so unattributed may be off by a few ticks per thread, either way.
 *
 * @param doneOrders the orders the figures are divided by
 * @param seconds length of the window
 * @param perOrder each figure per DONE order
 * @param totals each figure's difference over the window (CPU in ms)
 * @param busiestOther the threads of {@link ThreadGroups#OTHER} that used the most CPU,
 * name to ms over the window
 * @param jitCompileMillis the JIT compilation time of the stack's JVM over the window,
 * summed over its compiler threads, or {@code NaN} if not read at both ends
 */
record OrderCost(long doneOrders, double seconds, Map<CostFigure, Double> perOrder, Map<CostFigure, Double> totals,
		Map<String, Double> busiestOther, double jitCompileMillis) {

	/** The service databases of the launcher's stack, and whose they are. */
	static final Map<CostFigure, String> SERVICE_DATABASES = Map.of(CostFigure.COMMITS_INTAKE, "intake",
			CostFigure.COMMITS_PROVISIONER, "provisioner", CostFigure.COMMITS_STATUS, "status");

	private static final Map<String, CostFigure> CPU_GROUPS = Map.of(ThreadGroups.INTAKE, CostFigure.CPU_INTAKE,
			ThreadGroups.PROVISIONER, CostFigure.CPU_PROVISIONER, ThreadGroups.STATUS, CostFigure.CPU_STATUS,
			ThreadGroups.BROKER, CostFigure.CPU_BROKER, ThreadGroups.BENCH, CostFigure.CPU_BENCH, ThreadGroups.JVM,
			CostFigure.CPU_JVM, ThreadGroups.OTHER, CostFigure.CPU_OTHER, ThreadGroups.GC_VM, CostFigure.CPU_GC_VM);

	/**
	 * The cost per order between two samples.
	 * @param before the sample at the start of the window
	 * @param after the sample at its end
	 * @param doneOrders orders that reached DONE in the window
	 * @param groups how threads map to services, or {@code null} when the stack's threads
	 * are not read
	 * @return the figures
	 */
	static OrderCost between(CostSample before, CostSample after, long doneOrders, @Nullable ThreadGroups groups) {
		Map<CostFigure, Double> totals = new EnumMap<>(CostFigure.class);
		for (CostFigure figure : CostFigure.values()) {
			totals.put(figure, Double.NaN);
		}
		postgres(before.postgres(), after.postgres(), totals);
		Map<String, Double> busiestOther = new LinkedHashMap<>();
		if (groups != null && before.threads() != null && after.threads() != null && before.processCpuNanos() >= 0
				&& after.processCpuNanos() >= 0) {
			threads(before, after, groups, totals, busiestOther);
		}
		else if (!Double.isNaN(before.remoteCpuSeconds()) && !Double.isNaN(after.remoteCpuSeconds())) {
			totals.put(CostFigure.CPU_PROCESS, (after.remoteCpuSeconds() - before.remoteCpuSeconds()) * 1e3);
		}
		kafka(before.kafka(), after.kafka(), totals);
		if (before.httpRequests() >= 0 && after.httpRequests() >= 0) {
			totals.put(CostFigure.HTTP_REQUESTS, (double) (after.httpRequests() - before.httpRequests()));
		}
		Map<CostFigure, Double> perOrder = new EnumMap<>(CostFigure.class);
		totals.forEach((figure, total) -> perOrder.put(figure, (doneOrders > 0) ? total / doneOrders : Double.NaN));
		double compiled = (before.compileMillis() >= 0 && after.compileMillis() >= 0)
				? after.compileMillis() - before.compileMillis() : Double.NaN;
		return new OrderCost(doneOrders, (after.nanos() - before.nanos()) / 1e9, perOrder, totals, busiestOther,
				compiled);
	}

	private static void postgres(PostgresCounters.@Nullable Reading before, PostgresCounters.@Nullable Reading after,
			Map<CostFigure, Double> totals) {
		if (before == null || after == null) {
			return;
		}
		double commits = 0;
		double rows = 0;
		boolean anyDatabase = false;
		for (Map.Entry<CostFigure, String> database : SERVICE_DATABASES.entrySet()) {
			Long start = before.commits().get(database.getValue());
			Long end = after.commits().get(database.getValue());
			if (start != null && end != null) {
				totals.put(database.getKey(), (double) (end - start));
				commits += end - start;
				rows += after.rowsWritten().getOrDefault(database.getValue(), 0L)
						- before.rowsWritten().getOrDefault(database.getValue(), 0L);
				anyDatabase = true;
			}
		}
		if (anyDatabase) {
			totals.put(CostFigure.COMMITS, commits);
			totals.put(CostFigure.ROWS_WRITTEN, rows);
		}
		totals.put(CostFigure.WRITING_TRANSACTIONS, (double) (after.nextXid() - before.nextXid()));
		totals.put(CostFigure.WAL_SYNCS, (double) (after.walSyncs() - before.walSyncs()));
		totals.put(CostFigure.WAL_WRITES, (double) (after.walWrites() - before.walWrites()));
		totals.put(CostFigure.CPU_POSTGRES, HostCpu.between(before.host(), after.host(), true) / 1e6);
		totals.put(CostFigure.CPU_MACHINE, HostCpu.between(before.host(), after.host(), false) / 1e6);
	}

	private static void threads(CostSample before, CostSample after, ThreadGroups groups,
			Map<CostFigure, Double> totals, Map<String, Double> busiestOther) {
		Map<Long, CostSample.ThreadTime> javaBefore = before.threads();
		Map<Long, CostSample.ThreadTime> javaAfter = after.threads();
		Map<Long, CostSample.ThreadTime> nativeBefore = before.nativeThreads();
		Map<Long, CostSample.ThreadTime> nativeAfter = after.nativeThreads();
		if (javaBefore == null || javaAfter == null) {
			return;
		}
		boolean natives = nativeBefore != null && nativeAfter != null;
		Map<CostFigure, Double> byGroup = new EnumMap<>(CostFigure.class);
		CPU_GROUPS.values().forEach((figure) -> byGroup.put(figure, 0.0));
		Map<String, Double> other = new LinkedHashMap<>();
		double attributed = 0;
		double http = 0;
		for (Map.Entry<Long, CostSample.ThreadTime> thread : javaAfter.entrySet()) {
			CostSample.ThreadTime start = javaBefore.get(thread.getKey());
			long nanos = thread.getValue().cpuNanos() - ((start != null) ? start.cpuNanos() : 0);
			String group = groups.of(thread.getValue().name());
			if (group.equals(ThreadGroups.JVM) && !natives) {
				// not measured without the JIT's threads: unattributed
				continue;
			}
			byGroup.merge(CPU_GROUPS.get(group), nanos / 1e6, Double::sum);
			if (group.equals(ThreadGroups.OTHER) && nanos > 0) {
				other.merge(thread.getValue().name().replaceAll("\\d+", "N"), nanos / 1e6, Double::sum);
			}
			attributed += nanos;
			if (groups.isHttp(thread.getValue().name())) {
				http += nanos / 1e6;
			}
		}
		if (natives) {
			attributed += nativeThreads(nativeBefore, nativeAfter, javaAfter.values(), byGroup);
		}
		else {
			byGroup.put(CostFigure.CPU_JVM, Double.NaN);
			byGroup.put(CostFigure.CPU_GC_VM, Double.NaN);
		}
		if (!groups.claimsBench()) {
			// the bench runs in another JVM than the one read: its CPU is not in here
			byGroup.put(CostFigure.CPU_BENCH, Double.NaN);
		}
		totals.putAll(byGroup);
		totals.put(CostFigure.CPU_HTTP, http);
		double stack = 0;
		for (String group : ThreadGroups.STACK) {
			stack += byGroup.get(CPU_GROUPS.get(group));
		}
		totals.put(CostFigure.CPU_STACK, stack);
		long processNanos = after.processCpuNanos() - before.processCpuNanos();
		totals.put(CostFigure.CPU_UNATTRIBUTED, (processNanos - attributed) / 1e6);
		totals.put(CostFigure.CPU_PROCESS, processNanos / 1e6);
		other.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Double>comparingByValue().reversed())
			.limit(8)
			.forEach((entry) -> busiestOther.put(entry.getKey(), Report.round(entry.getValue())));
	}

	/**
	 * Adds the CPU of the native threads {@link ThreadGroups#ofNative} claims to their
	 * rows: at the end minus at the start, from zero for a thread not there at the start
	 * (or whose id the kernel gave to another thread since).
	 * @return the CPU added, nanoseconds
	 */
	private static long nativeThreads(Map<Long, CostSample.ThreadTime> before, Map<Long, CostSample.ThreadTime> after,
			Collection<CostSample.ThreadTime> javaThreads, Map<CostFigure, Double> byGroup) {
		Set<String> javaNames = javaThreads.stream()
			.map((thread) -> thread.name().substring(0, Math.min(thread.name().length(), NativeThreads.NAME_LENGTH)))
			.collect(Collectors.toSet());
		long attributed = 0;
		for (Map.Entry<Long, CostSample.ThreadTime> thread : after.entrySet()) {
			String name = thread.getValue().name();
			String group = ThreadGroups.ofNative(name);
			if (group == null || javaNames.contains(name)) {
				continue;
			}
			CostSample.ThreadTime start = before.get(thread.getKey());
			boolean same = start != null && start.name().equals(name)
					&& start.cpuNanos() <= thread.getValue().cpuNanos();
			long nanos = thread.getValue().cpuNanos() - (same ? start.cpuNanos() : 0);
			byGroup.merge(CPU_GROUPS.get(group), nanos / 1e6, Double::sum);
			attributed += nanos;
		}
		return attributed;
	}

	private static void kafka(@Nullable Map<String, Long> before, @Nullable Map<String, Long> after,
			Map<CostFigure, Double> totals) {
		if (before == null || after == null) {
			return;
		}
		double all = 0;
		double deadLetters = 0;
		for (Map.Entry<String, Long> topic : after.entrySet()) {
			double records = topic.getValue() - before.getOrDefault(topic.getKey(), 0L);
			all += records;
			if (topic.getKey().equals(Topics.ORDER_PLACED.name())) {
				totals.put(CostFigure.KAFKA_PLACED, records);
			}
			else if (topic.getKey().equals(Topics.ORDER_STATUS.name())) {
				totals.put(CostFigure.KAFKA_STATUS, records);
			}
			else {
				deadLetters += records;
			}
		}
		totals.put(CostFigure.KAFKA_RECORDS, all);
		totals.put(CostFigure.KAFKA_DEAD_LETTERS, deadLetters);
	}

	/**
	 * The figures for the JSON report.
	 * @return per-order figures (not measured: absent), totals and the busiest shared
	 * threads
	 */
	Map<String, Object> toJson() {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("doneOrders", this.doneOrders);
		json.put("seconds", Report.round(this.seconds));
		Map<String, Object> perOrderJson = new LinkedHashMap<>();
		Map<String, Object> totalsJson = new LinkedHashMap<>();
		for (CostFigure figure : CostFigure.values()) {
			double value = this.perOrder.get(figure);
			if (!Double.isNaN(value)) {
				perOrderJson.put(figure.name(), Report.round(value));
			}
			double total = this.totals.get(figure);
			if (!Double.isNaN(total)) {
				totalsJson.put(figure.name(), Report.round(total));
			}
		}
		json.put("perDoneOrder", perOrderJson);
		json.put("totals", totalsJson);
		json.put("busiestSharedThreadsMs", this.busiestOther);
		if (!Double.isNaN(this.jitCompileMillis)) {
			json.put("jitCompileMs", Report.round(this.jitCompileMillis));
			json.put("jitCompileMsPerSecond", Report.round(jitCompileMillisPerSecond()));
		}
		return json;
	}

	/**
	 * How busy the stack's JIT was in the window: its compilation time, elapsed time
	 * summed over its compiler threads, per second of the window. It says how long they
	 * worked, not how much is left to compile: idle, with an empty compile queue, it
	 * reads 50 to 150 ms per second ({@link JitSettle} judges the JIT by its queue).
	 * @return compilation time per second of the window, ms, or {@code NaN} if not read
	 */
	double jitCompileMillisPerSecond() {
		return (this.seconds > 0) ? this.jitCompileMillis / this.seconds : Double.NaN;
	}

	/**
	 * A figure per order.
	 * @param figure which
	 * @return the value, or {@code NaN}: not measured
	 */
	double perOrder(CostFigure figure) {
		return this.perOrder.get(figure);
	}

	/**
	 * The order-plus-outbox baseline's cost per transaction, measured with the same
	 * counters: its commits in its own database, the server's WAL syncs and writes, and
	 * the CPU of the thread that ran it (the JDBC client; the server's CPU is not the
	 * JVM's).
	 * @param before PostgreSQL's counters before the baseline, or {@code null}
	 * @param after after it, or {@code null}
	 * @param database the baseline's database
	 * @param transactions transactions it committed
	 * @param cpuNanos CPU time of the thread that ran it
	 * @return {@code commits}, {@code walSyncs}, {@code walWrites} (absent if PostgreSQL
	 * was not read) and {@code cpuMs} per transaction
	 */
	static Map<String, Double> baselinePerTransaction(PostgresCounters.@Nullable Reading before,
			PostgresCounters.@Nullable Reading after, String database, long transactions, long cpuNanos) {
		Map<String, Double> perTransaction = new LinkedHashMap<>();
		if (transactions <= 0) {
			return perTransaction;
		}
		if (before != null && after != null && after.commits().containsKey(database)) {
			perTransaction.put("commits", (after.commits().get(database) - before.commits().getOrDefault(database, 0L))
					/ (double) transactions);
			perTransaction.put("walSyncs", (after.walSyncs() - before.walSyncs()) / (double) transactions);
			perTransaction.put("walWrites", (after.walWrites() - before.walWrites()) / (double) transactions);
		}
		perTransaction.put("cpuMs", cpuNanos / 1e6 / transactions);
		return perTransaction;
	}

}
