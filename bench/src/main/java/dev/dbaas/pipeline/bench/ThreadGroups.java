package dev.dbaas.pipeline.bench;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Which part of the stack a thread of the bench's JVM works for, by its name: the names
 * the services, the broker, the bench and the JVM give their threads when the bench runs
 * the launcher's stack in its own JVM. A name no rule claims (Spring's schedulers,
 * Hikari's housekeepers, Micrometer, Tomcat's utility threads, the portal, short-lived
 * {@code Thread-N} of {@code CompletableFuture} on a machine with fewer than three cores)
 * is {@link #OTHER}: those threads serve any of the three contexts and their names do not
 * say which.
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

	/** The services and the broker: the part of the JVM the CPU goal is about. */
	static final List<String> STACK = List.of(INTAKE, PROVISIONER, STATUS, BROKER);

	/** Every group a thread can fall into, in the order of the report. */
	static final List<String> ALL = List.of(INTAKE, PROVISIONER, STATUS, BROKER, BENCH, JVM, OTHER);

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

	private final List<Rule> rules;

	private ThreadGroups(List<Rule> rules) {
		this.rules = rules;
	}

	/**
	 * The rules for the launcher's stack in this JVM. Each service's Tomcat threads carry
	 * its port ({@code http-nio-<port>-exec-N}); the other service threads carry the
	 * names the services give them (listener ids, worker pools, relay threads) or their
	 * Kafka client or group id.
	 * @param intakePort order-intake's HTTP port
	 * @param provisionerPort the provisioner's HTTP port
	 * @param statusPort status-service's HTTP port
	 * @return the rules
	 */
	static ThreadGroups forStack(int intakePort, int provisionerPort, int statusPort) {
		return new ThreadGroups(List.of(
				new Rule(INTAKE,
						Pattern.compile("http-nio-" + intakePort + "-.*"
								+ "|order-writer-\\d+|outbox-relay|kafka-producer-network-thread \\| order-intake.*")),
				new Rule(PROVISIONER,
						Pattern.compile("http-nio-" + provisionerPort + "-.*|provisioning-.*|status-outbox-relay"
								+ "|provisioner-order-placed-.*|provisioner-group-commit-\\d+|local-stop-.*"
								+ "|kafka-(producer-network|coordinator-heartbeat)-thread \\| provisioner.*")),
				new Rule(STATUS,
						Pattern.compile("http-nio-" + statusPort
								+ "-.*|status-order-(placed|status)-.*|status-projection-writer-\\d+"
								+ "|kafka-(producer-network|coordinator-heartbeat)-thread \\| status-service.*")),
				new Rule(BENCH,
						Pattern.compile("bench-.*|main|HttpClient-\\d+-.*|kafka-admin-client-thread \\| bench-.*")),
				new Rule(BROKER, BROKER_THREAD), new Rule(JVM, JVM_THREAD)));
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

	private record Rule(String group, Pattern names) {

	}

}
