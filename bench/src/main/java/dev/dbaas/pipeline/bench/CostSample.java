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
 * @param threads CPU time of every live thread of the stack's JVM by thread id (this JVM,
 * or a launcher's attached to, see {@link JvmThreads}), or {@code null} when not read
 * @param processCpuNanos CPU time of that JVM, or {@code -1} when not read
 * @param remoteCpuSeconds CPU time of the stack's JVM(s) from their Prometheus
 * {@code process_cpu_time_ns_total}, or {@code NaN} (its threads were read instead, or
 * the figure is not exposed)
 * @param kafka end offsets by pipeline topic, or {@code null}
 * @param httpRequests HTTP requests the bench's order client sent the stack so far
 * (POSTs, long polls and other GETs, summaries), or {@code -1}
 * @param nativeThreads CPU time of every native thread of the stack's JVM by the kernel's
 * thread id, named as in {@code /proc} ({@link NativeThreads}), or {@code null} when not
 * read (not Linux, or the stack in the bench's JVM)
 * @param compileMillis the JIT compilation time of the stack's JVM so far
 * ({@code CompilationMXBean.getTotalCompilationTime()}, summed over its compiler
 * threads), or {@code -1} when not read
 */
record CostSample(long nanos, long viewDone, PostgresCounters.@Nullable Reading postgres,
		@Nullable Map<Long, ThreadTime> threads, long processCpuNanos, double remoteCpuSeconds,
		@Nullable Map<String, Long> kafka, long httpRequests, @Nullable Map<Long, ThreadTime> nativeThreads,
		long compileMillis) {

	/**
	 * A sample without the stack JVM's native threads and compilation time.
	 * @param nanos when
	 * @param viewDone orders DONE in the view, or {@code -1}
	 * @param postgres PostgreSQL's counters, or {@code null}
	 * @param threads CPU time by thread id, or {@code null}
	 * @param processCpuNanos CPU time of the stack's JVM, or {@code -1}
	 * @param remoteCpuSeconds CPU time from Prometheus, or {@code NaN}
	 * @param kafka end offsets, or {@code null}
	 * @param httpRequests HTTP requests sent so far, or {@code -1}
	 */
	CostSample(long nanos, long viewDone, PostgresCounters.@Nullable Reading postgres,
			@Nullable Map<Long, ThreadTime> threads, long processCpuNanos, double remoteCpuSeconds,
			@Nullable Map<String, Long> kafka, long httpRequests) {
		this(nanos, viewDone, postgres, threads, processCpuNanos, remoteCpuSeconds, kafka, httpRequests, null, -1);
	}

	/**
	 * A sample without the count of HTTP requests.
	 * @param nanos when
	 * @param viewDone orders DONE in the view, or {@code -1}
	 * @param postgres PostgreSQL's counters, or {@code null}
	 * @param threads CPU time by thread id, or {@code null}
	 * @param processCpuNanos CPU time of the stack's JVM, or {@code -1}
	 * @param remoteCpuSeconds CPU time from Prometheus, or {@code NaN}
	 * @param kafka end offsets, or {@code null}
	 */
	CostSample(long nanos, long viewDone, PostgresCounters.@Nullable Reading postgres,
			@Nullable Map<Long, ThreadTime> threads, long processCpuNanos, double remoteCpuSeconds,
			@Nullable Map<String, Long> kafka) {
		this(nanos, viewDone, postgres, threads, processCpuNanos, remoteCpuSeconds, kafka, -1);
	}

	/**
	 * The CPU time one thread has used so far.
	 *
	 * @param name the thread's name
	 * @param cpuNanos its CPU time
	 */
	record ThreadTime(String name, long cpuNanos) {

	}

}
