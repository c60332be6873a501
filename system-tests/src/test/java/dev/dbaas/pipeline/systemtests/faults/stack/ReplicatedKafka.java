package dev.dbaas.pipeline.systemtests.faults.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.dbaas.pipeline.schemas.TopicSpec;
import kafka.server.BrokerServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A replicated Kafka cluster in this JVM, from Kafka's own {@link KafkaClusterTestKit}:
 * one KRaft controller and three brokers, topics with replication factor 3,
 * {@code min.insync.replicas=2} and no unclean leader election, as production runs them.
 *
 * <p>
 * The controller runs on a node of its own: with three combined broker-controllers,
 * stopping one broker in this JVM hung every time it was tried (docs/decisions/0047). A
 * broker is stopped as {@code kill -9} would stop it: without controlled shutdown (the
 * controller is not told; it fences the broker when its session of
 * {@value #SESSION_TIMEOUT_MS} ms runs out) and without a clean leadership handover. A
 * stopped broker starts again on the same port and log directory, so the bootstrap list
 * the services were given stays valid throughout.
 *
 * <p>
 * Not thread-safe: scenarios drive it from the test thread.
 */
public final class ReplicatedKafka implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(ReplicatedKafka.class);

	/** Brokers in the cluster, and the replication factor of every topic. */
	public static final int BROKERS = 3;

	/**
	 * Replicas that must have a record before a producer with {@code acks=all} is
	 * answered.
	 */
	public static final int MIN_IN_SYNC_REPLICAS = 2;

	/**
	 * How long the controller waits for a silent broker's heartbeat before it fences the
	 * broker and moves its leaderships: Kafka's default is 9 s.
	 */
	static final int SESSION_TIMEOUT_MS = 4000;

	private static final Duration AWAIT = Duration.ofSeconds(120);

	private final KafkaClusterTestKit cluster;

	private final String bootstrapServers;

	private final Set<Integer> stopped = new TreeSet<>();

	private ReplicatedKafka(KafkaClusterTestKit cluster) {
		this.cluster = cluster;
		this.bootstrapServers = cluster.bootstrapServers();
	}

	/**
	 * Formats and starts the cluster, and waits until every broker is registered and
	 * unfenced.
	 * @param baseDir the nodes' directories go below it
	 * @return the running cluster
	 */
	public static ReplicatedKafka start(Path baseDir) {
		long started = System.nanoTime();
		try {
			TestKitNodes nodes = new TestKitNodes.Builder().setCombined(false)
				.setNumControllerNodes(1)
				.setNumBrokerNodes(BROKERS)
				.setBaseDirectory(baseDir)
				.setBootstrapMetadataVersion(MetadataVersion.LATEST_PRODUCTION)
				.build();
			KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes).setDeleteOnClose(false);
			brokerConfig().forEach(builder::setConfigProp);
			KafkaClusterTestKit cluster = builder.build();
			cluster.format();
			cluster.startup();
			cluster.waitForReadyBrokers();
			ReplicatedKafka kafka = new ReplicatedKafka(cluster);
			log.info("Replicated Kafka ready in {} ms: brokers {}, controller {}",
					TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), kafka.bootstrapServers,
					cluster.bootstrapControllers());
			return kafka;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while starting the replicated Kafka", ex);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot start the replicated Kafka in " + baseDir, ex);
		}
	}

	/**
	 * The brokers' settings: replication as production runs it, and a failure detection
	 * that behaves like {@code kill -9}.
	 */
	static Map<String, String> brokerConfig() {
		Map<String, String> config = new TreeMap<>();
		config.put("default.replication.factor", String.valueOf(BROKERS));
		config.put("min.insync.replicas", String.valueOf(MIN_IN_SYNC_REPLICAS));
		config.put("unclean.leader.election.enable", "false");
		config.put("offsets.topic.replication.factor", String.valueOf(BROKERS));
		config.put("offsets.topic.num.partitions", "10");
		config.put("transaction.state.log.replication.factor", String.valueOf(BROKERS));
		config.put("transaction.state.log.min.isr", String.valueOf(MIN_IN_SYNC_REPLICAS));
		config.put("transaction.state.log.num.partitions", "10");
		config.put("auto.create.topics.enable", "false");
		config.put("group.initial.rebalance.delay.ms", "0");
		// kill -9: no controlled shutdown, and a short session so that the controller
		// fences a silent broker (and elects new leaders) within seconds.
		config.put("controlled.shutdown.enable", "false");
		config.put("broker.session.timeout.ms", String.valueOf(SESSION_TIMEOUT_MS));
		config.put("broker.heartbeat.interval.ms", "1000");
		return config;
	}

	/**
	 * Every broker's address; the same list before and after any broker restart.
	 * @return {@code host:port,host:port,host:port}
	 */
	public String bootstrapServers() {
		return this.bootstrapServers;
	}

	/**
	 * The brokers' ids.
	 * @return the ids, ascending
	 */
	public Set<Integer> brokerIds() {
		return new TreeSet<>(this.cluster.brokers().keySet());
	}

	/**
	 * Creates topics that do not exist yet, replicated to every broker, with
	 * {@code min.insync.replicas=2} and no unclean leader election.
	 * @param topics the topics
	 */
	public void createTopics(Collection<TopicSpec> topics) {
		Map<String, String> configs = Map.of("min.insync.replicas", String.valueOf(MIN_IN_SYNC_REPLICAS),
				"unclean.leader.election.enable", "false");
		try (Admin admin = admin()) {
			Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
			List<NewTopic> missing = topics.stream()
				.filter((topic) -> !existing.contains(topic.name()))
				.map((topic) -> new NewTopic(topic.name(), topic.partitions(), (short) BROKERS).configs(configs))
				.toList();
			admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Cannot create topics " + topics, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while creating topics", ex);
		}
	}

	/**
	 * The broker that leads most partitions of some topics, as the cluster's metadata
	 * says now; ties go to the lowest id.
	 * @param topics the topics
	 * @return the broker id and how many partitions it leads
	 */
	public Leadership busiestLeader(Collection<String> topics) {
		Map<Integer, Integer> led = new TreeMap<>();
		describe(topics).values()
			.forEach((description) -> description.partitions()
				.stream()
				.map(TopicPartitionInfo::leader)
				.filter((leader) -> leader != null && !leader.isEmpty())
				.forEach((leader) -> led.merge(leader.id(), 1, Integer::sum)));
		return led.entrySet()
			.stream()
			.max(Map.Entry.<Integer, Integer>comparingByValue()
				.thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
			.map((entry) -> new Leadership(entry.getKey(), entry.getValue(),
					led.values().stream().mapToInt(Integer::intValue).sum()))
			.orElseThrow(() -> new IllegalStateException("No partition of " + topics + " has a leader"));
	}

	/**
	 * Partitions of some topics whose leader is one of the given brokers.
	 * @param topics the topics
	 * @param brokers broker ids
	 * @return how many partitions they lead
	 */
	public int partitionsLedBy(Collection<String> topics, Set<Integer> brokers) {
		return (int) describe(topics).values()
			.stream()
			.flatMap((description) -> description.partitions().stream())
			.map(TopicPartitionInfo::leader)
			.filter((leader) -> leader != null && !leader.isEmpty() && brokers.contains(leader.id()))
			.count();
	}

	/**
	 * The smallest in-sync replica set of any partition of some topics.
	 * @param topics the topics
	 * @return the size of the smallest ISR
	 */
	public int smallestInSyncReplicas(Collection<String> topics) {
		return describe(topics).values()
			.stream()
			.flatMap((description) -> description.partitions().stream())
			.mapToInt((partition) -> partition.isr().size())
			.min()
			.orElse(0);
	}

	/**
	 * Whether every partition of some topics has its full replica set in sync again and a
	 * leader.
	 * @param topics the topics
	 * @return {@code true} once every ISR has {@value #BROKERS} members
	 */
	public boolean fullyReplicated(Collection<String> topics) {
		try {
			return describe(topics).values()
				.stream()
				.flatMap((description) -> description.partitions().stream())
				.allMatch((partition) -> partition.leader() != null && !partition.leader().isEmpty()
						&& partition.isr().size() == BROKERS);
		}
		catch (IllegalStateException ex) {
			return false;
		}
	}

	/**
	 * Stops a broker as {@code kill -9} would: no controlled shutdown, so the controller
	 * learns of it only when the broker's session expires.
	 * @param brokerId the broker
	 */
	public void killBroker(int brokerId) {
		BrokerServer broker = broker(brokerId);
		long started = System.nanoTime();
		broker.shutdown();
		broker.awaitShutdown();
		this.stopped.add(brokerId);
		log.info("Kafka broker {} stopped without controlled shutdown in {} ms", brokerId,
				TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
	}

	/**
	 * Starts a stopped broker again on its port and log directory, and waits until the
	 * controller lists it among the live brokers.
	 * @param brokerId the broker
	 */
	public void restartBroker(int brokerId) {
		if (!this.stopped.contains(brokerId)) {
			throw new IllegalStateException("Broker " + brokerId + " runs");
		}
		long started = System.nanoTime();
		broker(brokerId).startup();
		this.stopped.remove(brokerId);
		awaitLive(Set.of(brokerId));
		log.info("Kafka broker {} back in {} ms", brokerId, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
	}

	/**
	 * The brokers stopped by {@link #killBroker(int)} and not started again.
	 * @return their ids
	 */
	public Set<Integer> stoppedBrokers() {
		return Set.copyOf(this.stopped);
	}

	/**
	 * The brokers the cluster's metadata lists as live (registered, not fenced).
	 * @return their ids
	 */
	public Set<Integer> liveBrokers() {
		try (Admin admin = admin()) {
			Set<Integer> live = new HashSet<>();
			for (Node node : admin.describeCluster().nodes().get(10, TimeUnit.SECONDS)) {
				live.add(node.id());
			}
			return live;
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Kafka did not describe its cluster: " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	private void awaitLive(Set<Integer> brokers) {
		long deadline = System.nanoTime() + AWAIT.toNanos();
		while (true) {
			try {
				if (liveBrokers().containsAll(brokers)) {
					return;
				}
			}
			catch (IllegalStateException ex) {
				// the broker we ask may still be starting
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Brokers " + brokers + " not live after " + AWAIT);
			}
			ServiceProcess.pause(Duration.ofMillis(200));
		}
	}

	private BrokerServer broker(int brokerId) {
		BrokerServer broker = this.cluster.brokers().get(brokerId);
		if (broker == null) {
			throw new IllegalArgumentException("No broker " + brokerId + " in " + brokerIds());
		}
		return broker;
	}

	private Map<String, TopicDescription> describe(Collection<String> topics) {
		try (Admin admin = admin()) {
			return new HashMap<>(admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS));
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Kafka did not describe " + topics + ": " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	private Admin admin() {
		return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers,
				AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000", AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
				"5000"));
	}

	/** Stops every node; the directories stay for the caller to delete. */
	@Override
	public void close() {
		try {
			this.cluster.close();
		}
		catch (Exception ex) {
			log.warn("Replicated Kafka did not stop cleanly: {}", ex.toString());
		}
	}

	/**
	 * Who leads the partitions of some topics.
	 *
	 * @param brokerId the broker that leads most of them
	 * @param partitions how many it leads
	 * @param of how many partitions the topics have in all
	 */
	public record Leadership(int brokerId, int partitions, int of) {

	}

}
