package dev.dbaas.pipeline.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Which part of the stack a thread works for, by its name: the names the services, the
 * broker, the bench and the JVM give their threads, in the bench's JVM when it runs the
 * launcher's stack itself ({@link #forStack}) or in a launcher's JVM of its own
 * ({@link #forLauncher}, read through {@link AttachedJvm}). A name no rule claims
 * (Spring's schedulers, Hikari's housekeepers, Micrometer, Tomcat's utility threads, the
 * portal, short-lived {@code Thread-N} of {@code CompletableFuture} on a machine with
 * fewer than three cores) is {@link #OTHER}: those threads serve any of the three
 * contexts and their names do not say which.
 *
 * <p>
 * The JVM's native threads that the {@code ThreadMXBean} does not show are grouped by
 * {@link #ofNative} from their names in {@code /proc} ({@link NativeThreads}), where
 * Linux shows them.
 *
 * <p>
 * Immutable and thread-safe.
 */
final class ThreadGroups {

	static final String INTAKE = "order-intake";

	static final String PROVISIONER = "provisioner";

	static final String STATUS = "status-service";

	static final String BROKER = "broker";

	static final String BENCH = "bench";

	static final String JVM = "jvm";

	static final String OTHER = "other";

	/**
	 * The garbage collector's and the VM's own threads: not Java threads, seen in
	 * {@code /proc} only.
	 */
	static final String GC_VM = "gc-vm";

	/** The services and the broker: the part of the JVM the CPU goal is about. */
	static final List<String> STACK = List.of(INTAKE, PROVISIONER, STATUS, BROKER);

	/** Every group a thread can fall into, in the order of the report. */
	static final List<String> ALL = List.of(INTAKE, PROVISIONER, STATUS, BROKER, BENCH, JVM, OTHER, GC_VM);

	/**
	 * Thread names of the in-process KRaft broker (request handlers, network threads,
	 * Raft, controller, coordinators, purgatories).
	 */
	private static final Pattern BROKER_THREAD = Pattern
		.compile("data-plane-kafka-.*|kafka-scheduler-\\d+|kafka-log-cleaner-thread-\\d+|kafka-\\d+-.*|broker-\\d+-.*"
				+ "|controller-\\d+-.*|quorum-controller-.*|group-coordinator-.*|share-.*|executor-.*"
				+ "|ExpirationReaper-.*|transaction-log-manager-\\d+|TxnMarkerSenderThread-\\d+"
				+ "|AddPartitionsToTxnSenderThread-\\d+|raft-expiration-reaper|persister-state-manager-reaper"
				+ "|PersisterStateManager|LogDirFailureHandler|client-metrics-reaper|SensorExpiryThread");

	/** The JVM's own Java threads; GC and VM threads are not Java threads at all. */
	private static final Pattern JVM_THREAD = Pattern.compile("C[12] CompilerThread\\d+|Sweeper thread|Common-Cleaner"
			+ "|Reference Handler|Finalizer|Signal Dispatcher|Service Thread|Notification Thread"
			+ "|Monitor Deflation Thread|Attach Listener");

	/**
	 * The JVM's threads that are Java threads hidden from the {@code ThreadMXBean}, by
	 * their names in {@code /proc} (cut to 15 characters): the JIT's compiler threads
	 * ({@code C1 CompilerThre}, {@code C2 CompilerThre}; the whole name too, should a
	 * kernel keep it), the code cache sweeper (JDK 17 to 19), the {@code Service Thread}
	 * and the monitor deflater.
	 */
	private static final Pattern NATIVE_JVM_THREAD = Pattern
		.compile("C[12] CompilerThre.*|Sweeper thread|Service Thread|Monitor Deflati.*");

	/**
	 * The threads of HotSpot's G1, Parallel and Serial collectors and of the VM itself,
	 * by their names in {@code /proc}: the parallel GC workers ({@code GC Thread#N}),
	 * G1's concurrent threads ({@code G1 Main Marker}, {@code G1 Conc#N},
	 * {@code G1 Refine#N}, {@code G1 Service}), the {@code VM Thread} (safepoints, and
	 * the collections of the Serial collector) and the {@code VM Periodic Task Thread}.
	 * ZGC's and Shenandoah's threads carry other names and stay unattributed.
	 */
	private static final Pattern NATIVE_GC_VM_THREAD = Pattern
		.compile("GC Thread#\\d+|G1 .+|VM Thread|VM Periodic Tas.*");

	private final List<Rule> rules;

	private final Pattern http;

	private final boolean bench;

	private ThreadGroups(List<Rule> rules, Pattern http, boolean bench) {
		this.rules = rules;
		this.http = http;
		this.bench = bench;
	}

	/**
	 * The rules for the launcher's stack in this JVM, next to the bench's own threads.
	 * Each service's Tomcat threads carry its port, after the address it is bound to if
	 * any ({@code http-nio-127.0.0.1-<port>-exec-N}, {@code http-nio-<port>-Poller}); the
	 * other service threads carry the names the services give them (listener ids, worker
	 * pools, relay threads) or their Kafka client or group id.
	 * @param intakePort order-intake's HTTP port
	 * @param provisionerPort the provisioner's HTTP port
	 * @param statusPort status-service's HTTP port
	 * @return the rules
	 */
	static ThreadGroups forStack(int intakePort, int provisionerPort, int statusPort) {
		return rules(intakePort, provisionerPort, statusPort, true);
	}

	/**
	 * The rules for a launcher running in a JVM of its own: the same as {@link #forStack}
	 * without the bench's threads (the launcher's {@code main} and HTTP clients, if any,
	 * are {@link #OTHER}).
	 * @param intakePort order-intake's HTTP port, from {@code --intake-url}
	 * @param provisionerPort the provisioner's, from {@code --provisioner-url}
	 * @param statusPort status-service's, from {@code --status-url}
	 * @return the rules
	 */
	static ThreadGroups forLauncher(int intakePort, int provisionerPort, int statusPort) {
		return rules(intakePort, provisionerPort, statusPort, false);
	}

	private static ThreadGroups rules(int intakePort, int provisionerPort, int statusPort, boolean bench) {
		List<Rule> rules = new ArrayList<>(List.of(
				new Rule(INTAKE,
						Pattern.compile(http(intakePort)
								+ "|order-writer-\\d+|outbox-relay|kafka-producer-network-thread \\| order-intake.*")),
				new Rule(PROVISIONER,
						Pattern.compile(http(provisionerPort) + "|provisioning-.*|status-outbox-relay"
								+ "|provisioner-order-placed-.*|provisioner-group-commit-\\d+|local-stop-.*"
								+ "|kafka-(producer-network|coordinator-heartbeat)-thread \\| provisioner.*")),
				new Rule(STATUS,
						Pattern
							.compile(http(statusPort) + "|status-order-(placed|status)-.*|status-projection-writer-\\d+"
									+ "|kafka-(producer-network|coordinator-heartbeat)-thread \\| status-service.*"))));
		if (bench) {
			rules.add(new Rule(BENCH,
					Pattern.compile("bench-.*|main|HttpClient-\\d+-.*|kafka-admin-client-thread \\| bench-.*")));
		}
		rules.add(new Rule(BROKER, BROKER_THREAD));
		rules.add(new Rule(JVM, JVM_THREAD));
		return new ThreadGroups(List.copyOf(rules),
				Pattern.compile(http(intakePort) + "|" + http(provisionerPort) + "|" + http(statusPort)), bench);
	}

	/** Tomcat's threads of one connector: {@code http-nio-[<address>-]<port>-<role>}. */
	private static String http(int port) {
		return "http-nio-(?:.+-)?" + port + "-.*";
	}

	/**
	 * Whether a thread is one of the three services' Tomcat threads (request workers,
	 * poller, acceptor): the HTTP edge, whose CPU grows with the requests the customers
	 * send, not with the orders.
	 * @param threadName the thread's name
	 * @return {@code true} for an HTTP thread of a service's port
	 */
	boolean isHttp(String threadName) {
		return this.http.matcher(threadName).matches();
	}

	/**
	 * Whether the bench's own threads are among those grouped (the stack runs in the
	 * bench's JVM).
	 * @return {@code false} for a launcher in a JVM of its own
	 */
	boolean claimsBench() {
		return this.bench;
	}

	/**
	 * The group of a thread.
	 * @param threadName the thread's name
	 * @return one of {@link #ALL}
	 */
	String of(String threadName) {
		for (Rule rule : this.rules) {
			if (rule.names().matcher(threadName).matches()) {
				return rule.group();
			}
		}
		return OTHER;
	}

	/**
	 * The group of a native thread that the {@code ThreadMXBean} does not show, by its
	 * name in {@code /proc}.
	 * @param nativeName the thread's {@code comm}, at most 15 characters
	 * @return {@link #JVM} for the JIT's and the JVM's hidden service threads,
	 * {@link #GC_VM} for the collector's and the VM's threads, or {@code null} for any
	 * other thread: a Java thread, counted from the {@code ThreadMXBean} already (the
	 * launcher's {@code main} is {@code java} there), or one the bench does not know
	 */
	static @Nullable String ofNative(String nativeName) {
		if (NATIVE_JVM_THREAD.matcher(nativeName).matches()) {
			return JVM;
		}
		return NATIVE_GC_VM_THREAD.matcher(nativeName).matches() ? GC_VM : null;
	}

	private record Rule(String group, Pattern names) {

	}

}
