package dev.dbaas.pipeline.localinfra;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.dbaas.pipeline.schemas.TopicSpec;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka cluster in KRaft combined mode (broker and controller in one), run
 * in this JVM from Kafka's own server classes. Its log directory may be kept across
 * restarts, so a stopped broker starts again with its topics, records and committed
 * offsets.
 *
 * <p>
 * Not thread-safe: start and stop it from one thread.
 */
public final class KraftBroker implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(KraftBroker.class);

	private final Path logDir;

	private final int port;

	private final int controllerPort;

	private final Map<String, String> overrides;

	private final Authentication authentication;

	private @Nullable KafkaRaftServer server;

	private KraftBroker(Path logDir, int port, int controllerPort, Map<String, String> overrides,
			Authentication authentication) {
		this.logDir = logDir;
		this.port = port;
		this.controllerPort = controllerPort;
		this.overrides = Map.copyOf(overrides);
		this.authentication = authentication;
	}

	/**
	 * Creates (but does not start) a broker.
	 * @param logDir data directory; formatted on first start, reused afterwards
	 * @param port client port, or 0 for a free one
	 * @param overrides extra broker properties
	 * @return the broker
	 */
	public static KraftBroker create(Path logDir, int port, Map<String, String> overrides) {
		return create(logDir, port, overrides, Authentication.NONE);
	}

	/**
	 * Creates (but does not start) a broker whose client listener needs authentication.
	 * The overrides then set the listeners, their security protocols and the authorizer;
	 * the client listener must listen on {@code 127.0.0.1:port}.
	 * @param logDir data directory; formatted on first start, reused afterwards
	 * @param port client port (not 0: the overrides name it)
	 * @param overrides extra broker properties
	 * @param authentication SCRAM users to create at format time and what the broker's
	 * own admin client (readiness, {@link #createTopics(Collection)}) authenticates with
	 * @return the broker
	 */
	public static KraftBroker create(Path logDir, int port, Map<String, String> overrides,
			Authentication authentication) {
		return new KraftBroker(logDir, FreePorts.orAny(port), FreePorts.any(), overrides, authentication);
	}

	/**
	 * Starts the broker and waits until it answers metadata requests.
	 * @return this broker
	 */
	public KraftBroker start() {
		if (this.server != null) {
			return this;
		}
		long started = System.nanoTime();
		try {
			Files.createDirectories(this.logDir);
			KafkaConfig config = new KafkaConfig(config(), false);
			format();
			KafkaRaftServer raftServer = new KafkaRaftServer(config, Time.SYSTEM);
			raftServer.startup();
			this.server = raftServer;
			awaitReady();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		log.info("Kafka broker (KRaft) ready on {} in {} ms, data in {}", bootstrapServers(),
				TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), this.logDir);
		return this;
	}

	/** Stops the broker; a later {@link #start()} resumes from the same log directory. */
	public void stop() {
		KafkaRaftServer raftServer = this.server;
		if (raftServer != null) {
			this.server = null;
			raftServer.shutdown();
			raftServer.awaitShutdown();
			log.info("Kafka broker on {} stopped", bootstrapServers());
		}
	}

	@Override
	public void close() {
		stop();
	}

	/**
	 * Whether the broker runs.
	 * @return {@code true} between start and stop
	 */
	public boolean isRunning() {
		return this.server != null;
	}

	/**
	 * The address clients connect to.
	 * @return {@code host:port}
	 */
	public String bootstrapServers() {
		return "127.0.0.1:" + this.port;
	}

	/**
	 * The data directory of the broker.
	 * @return the log directory
	 */
	public Path logDir() {
		return this.logDir;
	}

	/**
	 * Creates topics that do not exist yet, with replication factor 1.
	 * @param topics the topics
	 */
	public void createTopics(Collection<TopicSpec> topics) {
		createTopics(adminProperties(), topics);
	}

	/**
	 * Creates topics that do not exist yet on any cluster, with replication factor 1.
	 * @param bootstrapServers the cluster
	 * @param topics the topics
	 */
	public static void createTopics(String bootstrapServers, Collection<TopicSpec> topics) {
		createTopics(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), topics);
	}

	private static void createTopics(Map<String, Object> adminProperties, Collection<TopicSpec> topics) {
		Object bootstrapServers = adminProperties.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
		try (Admin admin = Admin.create(adminProperties)) {
			Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
			List<NewTopic> missing = topics.stream()
				.filter((topic) -> !existing.contains(topic.name()))
				.map((topic) -> new NewTopic(topic.name(), topic.partitions(), (short) 1))
				.toList();
			if (!missing.isEmpty()) {
				admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
			}
		}
		catch (ExecutionException ex) {
			if (!(ex.getCause() instanceof TopicExistsException)) {
				throw new IllegalStateException("Cannot create topics " + topics, ex.getCause());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while creating topics", ex);
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException("Timed out creating topics on " + bootstrapServers, ex);
		}
	}

	private Map<String, String> config() {
		Map<String, String> props = new HashMap<>();
		props.put("process.roles", "broker,controller");
		props.put("node.id", "1");
		props.put("controller.quorum.voters", "1@127.0.0.1:" + this.controllerPort);
		props.put("listeners", "PLAINTEXT://127.0.0.1:" + this.port + ",CONTROLLER://127.0.0.1:" + this.controllerPort);
		props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + this.port);
		props.put("controller.listener.names", "CONTROLLER");
		props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
		props.put("inter.broker.listener.name", "PLAINTEXT");
		props.put("log.dirs", this.logDir.toString());
		props.put("auto.create.topics.enable", "false");
		props.put("num.partitions", "1");
		props.put("offsets.topic.replication.factor", "1");
		props.put("offsets.topic.num.partitions", "10");
		props.put("transaction.state.log.replication.factor", "1");
		props.put("transaction.state.log.min.isr", "1");
		props.put("transaction.state.log.num.partitions", "10");
		props.put("share.coordinator.state.topic.replication.factor", "1");
		props.put("share.coordinator.state.topic.min.isr", "1");
		props.put("group.initial.rebalance.delay.ms", "0");
		props.put("log.flush.interval.messages", String.valueOf(Long.MAX_VALUE));
		props.put("controller.quorum.election.timeout.ms", "1000");
		props.put("controller.quorum.fetch.timeout.ms", "2000");
		props.putAll(this.overrides);
		return props;
	}

	private void format() {
		if (Files.exists(this.logDir.resolve("meta.properties"))) {
			return;
		}
		try {
			Formatter formatter = new Formatter();
			if (!this.authentication.scramCredentials().isEmpty()) {
				formatter.setScramArguments(this.authentication.scramCredentials());
			}
			formatter.setPrintStream(new PrintStream(PrintStream.nullOutputStream()))
				.setClusterId(Uuid.randomUuid().toString())
				.setNodeId(1)
				.setControllerListenerName("CONTROLLER")
				.setMetadataLogDirectory(this.logDir.toString())
				.setDirectories(List.of(this.logDir.toString()))
				.setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
				.setIgnoreFormatted(true)
				.run();
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot format KRaft log directory " + this.logDir, ex);
		}
	}

	private Map<String, Object> adminProperties() {
		Map<String, Object> props = new HashMap<>(this.authentication.clientProperties());
		props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
		return props;
	}

	private void awaitReady() {
		try (Admin admin = Admin.create(adminProperties())) {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
			while (true) {
				try {
					if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
						return;
					}
				}
				catch (ExecutionException | TimeoutException ex) {
					if (System.nanoTime() > deadline) {
						throw new IllegalStateException("Kafka broker did not become ready on " + bootstrapServers(),
								ex);
					}
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for Kafka", ex);
		}
	}

	/**
	 * How a broker's clients authenticate.
	 *
	 * @param scramCredentials users created when the log directory is formatted, as
	 * {@code kafka-storage.sh format --add-scram} takes them (e.g.
	 * {@code SCRAM-SHA-512=[name=broker,password=...]})
	 * @param clientProperties client properties of the broker's own admin client (e.g.
	 * {@code security.protocol}, {@code sasl.mechanism}, {@code sasl.jaas.config})
	 */
	public record Authentication(List<String> scramCredentials, Map<String, Object> clientProperties) {

		/** Plaintext, no users: the default. */
		public static final Authentication NONE = new Authentication(List.of(), Map.of());

		public Authentication {
			scramCredentials = List.copyOf(scramCredentials);
			clientProperties = Map.copyOf(clientProperties);
		}

	}

}
