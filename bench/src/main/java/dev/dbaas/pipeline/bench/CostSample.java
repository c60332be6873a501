package dev.dbaas.pipeline.bench;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The stack's cumulative counters at one moment; {@link OrderCost} takes the difference
 * of two. A part that could not be read is {@code null} (or negative, or {@code NaN}),
 * and every figure made from it is "not measured".
 *
 * @param nanos when ({@link System#nanoTime()})
 * @param viewDone orders the status view shows as DONE, or {@code -1}
 * @param postgres PostgreSQL's counters, or {@code null}
 * @param threads CPU time of every live thread of this JVM by thread id, or {@code null}
 * when the stack does not run in this JVM
 * @param processCpuNanos CPU time of this JVM, or {@code -1} when the stack does not run
 * in it
 * @param remoteCpuSeconds CPU time of the stack's JVM(s) from their Prometheus
 * {@code process_cpu_time_ns_total}, or {@code NaN} (the stack runs in this JVM, or the
 * figure is not exposed)
 * @param kafka end offsets by pipeline topic, or {@code null}
 */
record CostSample(long nanos, long viewDone, PostgresCounters.@Nullable Reading postgres,
		@Nullable Map<Long, ThreadTime> threads, long processCpuNanos, double remoteCpuSeconds,
		@Nullable Map<String, Long> kafka) {

	/**
	 * The CPU time one thread has used so far.
	 *
	 * @param name the thread's name
	 * @param cpuNanos its CPU time
	 */
	record ThreadTime(String name, long cpuNanos) {

	}

}
