package dev.dbaas.pipeline.bench;

import org.jspecify.annotations.Nullable;

/**
 * The figures of the cost per finished order (issue 19), in the order of the report, with
 * the goal of the issue where it sets one and the same-run baseline each is compared
 * with: the order-plus-outbox baseline, one transaction on one connection, measured with
 * the same counters (its commits and WAL syncs in its own database, the bench thread's
 * CPU per transaction).
 */
enum CostFigure {

	/** Commits of the three service databases, read-only transactions included. */
	COMMITS("PostgreSQL commits, three service databases", 3, "commits"),

	COMMITS_INTAKE("  commits, database intake (order-intake)", Double.NaN, null),

	COMMITS_PROVISIONER("  commits, database provisioner", Double.NaN, null),

	COMMITS_STATUS("  commits, database status (status-service)", Double.NaN, null),

	/** Transaction ids handed out: transactions that wrote, on the whole server. */
	WRITING_TRANSACTIONS("transactions that wrote (xids), whole server", Double.NaN, "commits"),

	ROWS_WRITTEN("rows inserted, updated, deleted, three service databases", Double.NaN, null),

	/** WAL flushes to disk on the whole server (the WAL is one for all databases). */
	WAL_SYNCS("WAL syncs (flushes to disk), whole server", 3, "walSyncs"),

	WAL_WRITES("WAL writes, whole server", Double.NaN, "walWrites"),

	/** The goal's CPU: the three services and the broker, threads named as theirs. */
	CPU_STACK("JVM CPU ms, three services + broker", 3, "cpuMs"),

	CPU_INTAKE("  CPU ms, order-intake threads", Double.NaN, null),

	CPU_PROVISIONER("  CPU ms, provisioner threads", Double.NaN, null),

	CPU_STATUS("  CPU ms, status-service threads", Double.NaN, null),

	CPU_BROKER("  CPU ms, broker threads", Double.NaN, null),

	/**
	 * The services' Tomcat threads (part of the three service rows above): the HTTP edge,
	 * which grows with the requests, not with the orders.
	 */
	CPU_HTTP("  CPU ms, of the services': HTTP threads (Tomcat)", Double.NaN, null),

	CPU_BENCH("CPU ms, the bench's load generator", Double.NaN, null),

	/**
	 * The JIT's compiler threads and the JVM's service threads; the compiler threads are
	 * hidden from the {@code ThreadMXBean}, so the figure is measured only where the
	 * native threads are read ({@link NativeThreads}).
	 */
	CPU_JVM("CPU ms, JIT compiler and JVM service threads", Double.NaN, null),

	CPU_OTHER("CPU ms, shared or unnamed threads (schedulers, pools)", Double.NaN, null),

	/**
	 * The collector's and the VM's threads: not Java threads, measured only where the
	 * native threads are read ({@link NativeThreads}).
	 */
	CPU_GC_VM("CPU ms, GC and VM threads", Double.NaN, null),

	/**
	 * The rest of the process's CPU: threads that ended inside the window, and the JIT,
	 * GC and VM threads where their rows are not measured.
	 */
	CPU_UNATTRIBUTED("CPU ms, unattributed (threads that ended; JIT, GC and VM if not measured)", Double.NaN, null),

	/** Everything the JVM of the stack used, whichever process that is. */
	CPU_PROCESS("CPU ms, the whole JVM of the stack", Double.NaN, null),

	/**
	 * The PostgreSQL server's processes ({@link HostCpu}): measured only where the server
	 * runs on the bench's machine, as the launcher's does.
	 */
	CPU_POSTGRES("CPU ms, PostgreSQL server processes (this machine)", Double.NaN, null),

	/**
	 * Every process of the machine ({@link HostCpu}): the stack, its database server, the
	 * bench and whatever else runs; times the rate, it is the cores the run kept busy.
	 */
	CPU_MACHINE("CPU ms, the whole machine (every process, the bench included)", Double.NaN, null),

	/**
	 * The bench's order client's POSTs and GETs (long polls, summaries) in the window.
	 */
	HTTP_REQUESTS("HTTP requests to the stack (the bench's POSTs and GETs)", Double.NaN, null),

	KAFKA_RECORDS("Kafka records, pipeline topics", Double.NaN, null),

	KAFKA_PLACED("  records, dbaas.order.placed.v1", Double.NaN, null),

	KAFKA_STATUS("  records, dbaas.order.status.v1", Double.NaN, null),

	KAFKA_DEAD_LETTERS("  records, dead-letter topics", Double.NaN, null);

	private final String label;

	private final double goal;

	private final @Nullable String baseline;

	CostFigure(String label, double goal, @Nullable String baseline) {
		this.label = label;
		this.goal = goal;
		this.baseline = baseline;
	}

	String label() {
		return this.label;
	}

	/**
	 * The goal per order.
	 * @return at most this much, or {@code NaN} without a goal
	 */
	double goal() {
		return this.goal;
	}

	/**
	 * Which figure of the order-plus-outbox baseline this one stands beside.
	 * @return {@code commits}, {@code walSyncs}, {@code walWrites}, {@code cpuMs} or
	 * {@code null}
	 */
	@Nullable String baseline() {
		return this.baseline;
	}

}
