package dev.dbaas.pipeline.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;

/**
 * Samples the counters the cost per order is made of ({@link CostSample}) and the
 * pipeline's backlog, from wherever the stack is:
 * <ul>
 * <li>PostgreSQL: {@code --jdbc-url} (the bench's own stack: its server; a running
 * launcher: its {@code --postgres-port}, 5432 by default, user and password
 * {@code postgres}); the service databases are the launcher's {@code intake},
 * {@code provisioner} and {@code status};</li>
 * <li>JVM CPU by thread ({@link JvmThreads}): the bench's JVM when the stack runs in it;
 * a running launcher's JVM when the bench could attach to it ({@link StackJvmSearch}),
 * with its JIT, GC and VM threads from {@code /proc} on Linux ({@link NativeThreads});
 * the JIT's compilation time and compile queue of either; else the CPU of the stack's
 * JVM(s) comes from the services' {@code /actuator/prometheus}
 * ({@code process_cpu_time_ns_total}, counted once per distinct
 * {@code process_start_time_seconds}: the launcher's three services share one JVM), not
 * split by service;</li>
 * <li>HTTP requests: those the bench's order client sent
 * ({@link OrderLoad#requests()});</li>
 * <li>Kafka: the end offsets and consumer-group lag of the pipeline topics, from the
 * broker ({@link KafkaCounters});</li>
 * <li>backlog: the status view's NEW and PROCESSING orders, the consumer lag, both
 * outboxes' {@code outbox_backlog} and the provisioner's
 * {@code provisioning_in_flight}.</li>
 * </ul>
 * A counter that cannot be read is left out of the sample, once reported on the console,
 * and its figures print as "not measured".
 *
 * <p>
 * Thread-safe enough for the bench: scenarios sample one after the other.
 */
final class CostMeter implements AutoCloseable {

	/**
	 * PostgreSQL publishes a backend's counts when it goes idle, at most once a second:
	 * the end of a window is read this long after its last order.
	 */
	static final Duration STATISTICS_DELAY = Duration.ofMillis(1500);

	private final PostgresCounters postgres;

	private final KafkaCounters kafka;

	private final @Nullable ThreadGroups groups;

	private final @Nullable JvmThreads jvm;

	private final boolean stackInThisJvm;

	private final List<String> serviceUrls;

	private final PrintStream out;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final Set<String> reported = new HashSet<>();

	/**
	 * @param target the stack's URLs
	 * @param jvm the stack's JVM (this one, or a launcher's attached to), or {@code null}
	 * when its threads cannot be read; closed by {@link #close()}
	 * @param groups the thread rules of that JVM; ignored without {@code jvm}
	 * @param stackInThisJvm whether the stack runs in the bench's JVM
	 * @param out the console, for counters that cannot be read
	 */
	CostMeter(BenchOptions target, @Nullable JvmThreads jvm, @Nullable ThreadGroups groups, boolean stackInThisJvm,
			PrintStream out) {
		this.postgres = new PostgresCounters(target.jdbcUrl(), target.jdbcUser(), target.jdbcPassword());
		this.kafka = new KafkaCounters(target.bootstrapServers());
		this.jvm = jvm;
		this.groups = (jvm != null) ? groups : null;
		this.stackInThisJvm = stackInThisJvm;
		this.serviceUrls = List.of(target.intakeUrl(), target.provisionerUrl(), target.statusUrl());
		this.out = out;
	}

	/**
	 * How threads map to services.
	 * @return the rules, or {@code null} when the stack's threads are not read
	 */
	@Nullable ThreadGroups groups() {
		return this.groups;
	}

	/**
	 * Whether the stack runs in the bench's JVM: then the process's CPU is the stack's
	 * too.
	 * @return {@code true} for the bench's own stack
	 */
	boolean stackInThisJvm() {
		return this.stackInThisJvm;
	}

	/**
	 * Says on the console if the JVM attached to has no Tomcat thread on the ports of the
	 * stack's URLs: then it is not the stack under test (another launcher, say), and its
	 * service rows would be about nothing.
	 */
	void checkAttachedJvmServesTheUrls() {
		JvmThreads threads = this.jvm;
		ThreadGroups rules = this.groups;
		if (threads == null || rules == null || this.stackInThisJvm) {
			return;
		}
		try {
			if (!servesTheUrls(threads.threadTimes().values(), rules)) {
				once("warning: the JVM attached to (" + threads.description()
						+ ") has no HTTP thread on the ports of --intake-url, --provisioner-url and --status-url;"
						+ " is it the stack under test? (else give --stack-pid)");
			}
		}
		catch (RuntimeException ex) {
			once("threads of the stack's JVM not read (" + ex + ")");
		}
	}

	/**
	 * Whether any of a JVM's threads is a Tomcat thread of the stack's ports.
	 * @param threads the JVM's threads
	 * @param rules the rules for the stack's ports
	 * @return {@code true} if one is
	 */
	static boolean servesTheUrls(Collection<CostSample.ThreadTime> threads, ThreadGroups rules) {
		return threads.stream().anyMatch((thread) -> rules.isHttp(thread.name()));
	}

	/**
	 * Where the stack's CPU comes from, for the run header.
	 * @return e.g. {@code per thread, pid 4324 (devstack/target/devstack.jar ...)}
	 */
	String cpuSource() {
		JvmThreads threads = this.jvm;
		if (threads == null) {
			return "of the stack's process from Prometheus (process_cpu_time_ns_total), not split by service";
		}
		return "per thread (ThreadMXBean" + (threads.readsNativeThreads() ? "; JIT, GC and VM threads from /proc"
				: "; JIT, GC and VM threads not measured") + "), " + threads.description();
	}

	/**
	 * Whether the stack's JVM is a launcher's attached to, not the bench's own.
	 * @return {@code true} if its threads are read in another JVM
	 */
	boolean attached() {
		return this.jvm != null && !this.stackInThisJvm;
	}

	/**
	 * The JIT compilation time of the stack's JVM so far
	 * ({@link JvmThreads#compileMillis}).
	 * @return milliseconds, or {@code -1} if it cannot be read
	 */
	long compileMillis() {
		JvmThreads threads = this.jvm;
		if (threads == null) {
			return -1;
		}
		try {
			return threads.compileMillis();
		}
		catch (RuntimeException ex) {
			once("JIT compilation time of the stack's JVM not read (" + ex + ")");
			return -1;
		}
	}

	/**
	 * What the JIT of the stack's JVM has queued now ({@link JvmThreads#compileQueue}).
	 * @return the counts, each {@code -1} if it cannot be read
	 */
	CompileQueue compileQueue() {
		JvmThreads threads = this.jvm;
		if (threads == null) {
			return CompileQueue.NOT_READ;
		}
		try {
			return threads.compileQueue();
		}
		catch (RuntimeException ex) {
			once("JIT compile queue of the stack's JVM not read (" + ex + ")");
			return CompileQueue.NOT_READ;
		}
	}

	/**
	 * PostgreSQL's counters alone.
	 * @return the reading, or {@code null} if the server cannot be read
	 */
	PostgresCounters.@Nullable Reading postgres() {
		try {
			return this.postgres.read();
		}
		catch (SQLException | RuntimeException ex) {
			once("PostgreSQL counters not measured (" + ex.getMessage() + ")");
			return null;
		}
	}

	/**
	 * Every counter now.
	 * @param load where to read the status view
	 * @return the sample
	 */
	CostSample sample(OrderLoad load) throws InterruptedException {
		long viewDone = load.doneInView();
		PostgresCounters.Reading reading = postgres();
		CostSample cpu = cpu(load);
		Map<String, Long> offsets = null;
		try {
			offsets = this.kafka.endOffsets();
		}
		catch (ExecutionException | TimeoutException | RuntimeException ex) {
			once("Kafka records not measured (" + ex + ")");
		}
		return new CostSample(System.nanoTime(), viewDone, reading, cpu.threads(), cpu.processCpuNanos(),
				cpu.remoteCpuSeconds(), offsets, cpu.httpRequests(), cpu.nativeThreads(), cpu.compileMillis());
	}

	/**
	 * The stack's CPU alone (by thread where it can be read, else its process's from
	 * Prometheus) and the bench's HTTP requests so far: the counters of a short
	 * measurement such as the HTTP floor ({@link HttpFloorBaselines}), without the reads
	 * of PostgreSQL, Kafka and the status view.
	 * @param load the bench's order client
	 * @return the sample, the other parts not read
	 */
	CostSample cpu(OrderLoad load) throws InterruptedException {
		Map<Long, CostSample.ThreadTime> threads = null;
		Map<Long, CostSample.ThreadTime> natives = null;
		long processCpu = -1;
		double remoteCpu = Double.NaN;
		JvmThreads jvm = this.jvm;
		if (jvm != null) {
			try {
				threads = jvm.threadTimes();
				processCpu = jvm.processCpuNanos();
			}
			catch (RuntimeException ex) {
				once("threads of the stack's JVM not read (" + ex + ")");
				threads = null;
			}
			natives = jvm.nativeThreadTimes();
			if (natives == null && jvm.readsNativeThreads()) {
				once("native threads of the stack's JVM not read (/proc); JIT, GC and VM rows not measured");
			}
		}
		if (threads == null) {
			remoteCpu = this.stackInThisJvm ? Double.NaN : remoteCpuSeconds();
		}
		return new CostSample(System.nanoTime(), -1, null, threads, processCpu, remoteCpu, null, load.requests(),
				natives, compileMillis());
	}

	/**
	 * The counters at the end of a window, once PostgreSQL has published its backends'
	 * counts ({@link #STATISTICS_DELAY}).
	 * @param load where to read the status view
	 * @return the sample
	 */
	CostSample sampleAfter(OrderLoad load) throws InterruptedException {
		TimeUnit.MILLISECONDS.sleep(STATISTICS_DELAY.toMillis());
		return sample(load);
	}

	/**
	 * The cost per DONE order of a window. The orders are those the status view shows as
	 * DONE at the end and not at the start; without the view's counts, those the phase
	 * followed to DONE.
	 * @param before the start of the window
	 * @param after its end
	 * @param phaseDone orders of the phase seen DONE
	 * @return the figures
	 */
	OrderCost cost(CostSample before, CostSample after, long phaseDone) {
		long done = (before.viewDone() >= 0 && after.viewDone() >= 0) ? after.viewDone() - before.viewDone()
				: phaseDone;
		return OrderCost.between(before, after, done, this.groups);
	}

	/**
	 * What is still in the pipeline: the status view, then the consumer lag, then the
	 * outboxes and jobs in flight, each read only if the parts before are zero.
	 * @param load where to read the status view
	 * @return the backlog; a part that cannot be read, or was not read, is {@code -1}
	 */
	Backlog backlog(OrderLoad load) throws InterruptedException {
		// Cheapest first, and only as far as needed: every read is work for the stack,
		// and it falls into the cost window while the window waits for its backlog.
		long view = load.unfinishedInView();
		if (view != 0) {
			return new Backlog(view, -1, -1, -1);
		}
		long lag = -1;
		try {
			lag = this.kafka.consumerLag();
		}
		catch (ExecutionException | TimeoutException | RuntimeException ex) {
			once("consumer lag not read (" + ex + ")");
		}
		if (lag > 0) {
			return new Backlog(view, lag, -1, -1);
		}
		long outbox = -1;
		long inFlight = -1;
		for (String url : this.serviceUrls) {
			String text = prometheus(url);
			if (text == null) {
				continue;
			}
			double backlog = PrometheusText.sum(text, "outbox_backlog", null);
			if (!Double.isNaN(backlog)) {
				outbox = Math.max(outbox, 0) + (long) backlog;
			}
			double working = PrometheusText.sum(text, "provisioning_in_flight", null);
			if (!Double.isNaN(working)) {
				inFlight = Math.max(inFlight, 0) + (long) working;
			}
		}
		return new Backlog(view, lag, outbox, inFlight);
	}

	/**
	 * The stack's heap: with the stack in this JVM, the heap after the last collection
	 * ({@link Machine#heapAfterLastGc()}); against a running stack, order-intake's
	 * {@code /actuator/prometheus} (the launcher's services share one JVM):
	 * {@code jvm_gc_live_data_size_bytes} (the old generation after the last major
	 * collection) where it is above zero, else the used heap,
	 * {@code jvm_memory_used_bytes{area="heap"}}.
	 * @return the reading, its figure {@code NaN} if none could be read
	 */
	Heap stackHeap() throws InterruptedException {
		if (this.stackInThisJvm) {
			return new Heap(Machine.heapAfterLastGc() / (1024.0 * 1024), "heap after the last GC, this JVM");
		}
		String text = prometheus(this.serviceUrls.get(0));
		if (text == null) {
			return new Heap(Double.NaN, "not read");
		}
		return Heap.of(text);
	}

	/**
	 * A reading of the stack's heap.
	 *
	 * @param megabytes the figure in MB, or {@code NaN}
	 * @param source which figure it is
	 */
	record Heap(double megabytes, String source) {

		/**
		 * The heap figure of a Prometheus exposition.
		 * @param text the exposition of a service of the stack
		 * @return the live data after GC if exposed and above zero, else the used heap
		 */
		static Heap of(String text) {
			double live = PrometheusText.sum(text, "jvm_gc_live_data_size_bytes", null);
			if (!Double.isNaN(live) && live > 0) {
				return new Heap(live / (1024 * 1024), "jvm_gc_live_data_size_bytes of the stack");
			}
			double used = PrometheusText.sum(text, "jvm_memory_used_bytes", "area=\"heap\"");
			return new Heap(Double.isNaN(used) ? Double.NaN : used / (1024 * 1024),
					Double.isNaN(used) ? "not exposed" : "jvm_memory_used_bytes{area=\"heap\"} of the stack");
		}

	}

	/** The CPU of the stack's JVMs, each counted once, from the services' Prometheus. */
	private double remoteCpuSeconds() throws InterruptedException {
		Map<Double, Double> cpuByProcessStart = new LinkedHashMap<>();
		for (String url : this.serviceUrls) {
			String text = prometheus(url);
			double cpu = (text != null) ? cpuSeconds(text) : Double.NaN;
			double start = (text != null) ? PrometheusText.sum(text, "process_start_time_seconds", null) : Double.NaN;
			if (Double.isNaN(cpu) || Double.isNaN(start)) {
				once("CPU of the stack's JVM not measured (no process_cpu_time_ns_total at " + url
						+ "/actuator/prometheus)");
				return Double.NaN;
			}
			cpuByProcessStart.put(start, cpu);
		}
		return cpuByProcessStart.values().stream().mapToDouble(Double::doubleValue).sum();
	}

	/**
	 * The process CPU time in a Prometheus exposition: Micrometer's
	 * {@code process.cpu.time} is exposed in nanoseconds
	 * ({@code process_cpu_time_ns_total}); a registry with seconds as base unit names it
	 * {@code process_cpu_time_seconds_total}.
	 * @param text the exposition
	 * @return seconds, or {@code NaN} if neither is exposed
	 */
	static double cpuSeconds(String text) {
		double nanos = PrometheusText.sum(text, "process_cpu_time_ns_total", null);
		return !Double.isNaN(nanos) ? nanos / 1e9 : PrometheusText.sum(text, "process_cpu_time_seconds_total", null);
	}

	private @Nullable String prometheus(String serviceUrl) throws InterruptedException {
		try {
			HttpResponse<String> response = this.http
				.send(HttpRequest.newBuilder(URI.create(serviceUrl + "/actuator/prometheus"))
					.timeout(Duration.ofSeconds(10))
					.build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() == 200) {
				return response.body();
			}
			once(serviceUrl + "/actuator/prometheus answered " + response.statusCode());
		}
		catch (IOException | IllegalArgumentException ex) {
			once(serviceUrl + "/actuator/prometheus not read (" + ex + ")");
		}
		return null;
	}

	private void once(String message) {
		if (this.reported.add(message)) {
			this.out.println("bench: " + message);
		}
	}

	@Override
	public void close() {
		this.kafka.close();
		if (this.jvm != null) {
			this.jvm.close();
		}
	}

	/**
	 * What is still in the pipeline; {@code -1}: could not be read.
	 *
	 * @param view orders the status view shows as NEW or PROCESSING
	 * @param consumerLag records of the pipeline topics not yet committed by a consumer
	 * group
	 * @param outbox events in the outboxes not yet relayed to Kafka (both services)
	 * @param inFlight provisioning jobs the provisioner is working on
	 */
	record Backlog(long view, long consumerLag, long outbox, long inFlight) {

		/**
		 * Whether nothing is left, as far as it could be read.
		 * @return {@code true} if every part read is zero and the view was read
		 */
		boolean gone() {
			return this.view == 0 && this.consumerLag <= 0 && this.outbox <= 0 && this.inFlight <= 0;
		}

		@Override
		public String toString() {
			return String.format(Locale.ROOT, "view %s, consumer lag %s, outbox %s, provisioning in flight %s",
					part(this.view), part(this.consumerLag), part(this.outbox), part(this.inFlight));
		}

		private static String part(long value) {
			return (value < 0) ? "unknown" : String.format(Locale.ROOT, "%,d", value);
		}

	}

}
