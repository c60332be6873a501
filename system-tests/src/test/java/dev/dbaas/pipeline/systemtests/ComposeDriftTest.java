package dev.dbaas.pipeline.systemtests;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.dbaas.pipeline.schemas.TopicSpec;
import dev.dbaas.pipeline.schemas.Topics;
import dev.dbaas.pipeline.systemtests.faults.stack.ReplicatedKafka;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * docker-compose.yml must not drift from the services' own configuration: ports,
 * environment variable names (each must bind to a property the service knows) and topics;
 * nor from the replicated Kafka the fault suite proves (three brokers, replication factor
 * 3, {@code min.insync.replicas=2}, no unclean leader election, every broker in every
 * client's bootstrap list). The secure override (docker-compose.secure.yml) runs the same
 * brokers with their settings, each with its own keystore and volume; its init script
 * creates the topics with the same replication (SecureKafkaIntegrationTest checks the
 * configuration its brokers render).
 */
class ComposeDriftTest {

	private static final Path COMPOSE = Path.of("..", "docker-compose.yml");

	private static final Path SECURE_COMPOSE = Path.of("..", "docker-compose.secure.yml");

	/** Kafka services, named as the services' bootstrap lists name them. */
	private static final List<String> BROKERS = List.of("kafka-1", "kafka-2", "kafka-3");

	static Stream<Arguments> services() {
		return Stream.of(arguments("order-intake", "intake"), arguments("provisioner", "provisioner"),
				arguments("status-service", "status"));
	}

	@ParameterizedTest(name = "{0}: port matches the service default")
	@MethodSource("services")
	void servicePortMatchesTheServiceDefault(String service, String database) throws IOException {
		Map<String, Object> compose = service(service);
		Properties defaults = serviceProperties(service);
		String port = defaults.getProperty("server.port");

		assertThat(port).as("%s declares server.port in %s.properties", service, service).isNotBlank();
		assertThat(environment(compose)).containsEntry("SERVER_PORT", port);
		List<String> containerPorts = Stream
			.concat(stringList(compose.get("ports")).stream()
				.map((mapping) -> mapping.substring(mapping.lastIndexOf(':') + 1)),
					stringList(compose.get("expose")).stream())
			.toList();
		assertThat(containerPorts).contains(port);
	}

	@ParameterizedTest(name = "{0}: database matches the service default")
	@MethodSource("services")
	void datasourcePointsAtTheServicesOwnDatabase(String service, String database) throws IOException {
		String url = environment(service(service)).get("SPRING_DATASOURCE_URL");
		String defaultUrl = serviceProperties(service).getProperty("spring.datasource.url", "");

		assertThat(url).endsWith("/" + database);
		assertThat(defaultUrl).as("%s's own default database", service).endsWith("/" + database);
		assertThat(Files.readString(Path.of("..", "docker", "postgres", "init.sql")))
			.contains("CREATE DATABASE " + database + " OWNER " + database);
	}

	@ParameterizedTest(name = "{0}: every environment variable binds to a known property")
	@MethodSource("services")
	void everyEnvironmentVariableBindsToAPropertyTheServiceKnows(String service, String database) throws IOException {
		Set<String> known = serviceProperties(service).stringPropertyNames()
			.stream()
			.map(ComposeDriftTest::relaxed)
			.collect(Collectors.toSet());
		known.addAll(Set.of("serverport", "springdatasourceurl", "springdatasourceusername", "springdatasourcepassword",
				"springkafkabootstrapservers"));

		assertThat(environment(service(service)).keySet()).allSatisfy((variable) -> assertThat(known)
			.as("%s sets %s but %s.properties has no such property", service, variable, service)
			.contains(relaxed(variable)));
	}

	@Test
	void composeCreatesExactlyThePipelineTopicsWithTheirPartitions() throws IOException {
		String command = String.valueOf(service("kafka-topics").get("command"));

		for (TopicSpec topic : Topics.all()) {
			assertThat(command).contains(topic.name());
			assertThat(topic.partitions()).isEqualTo(Topics.PARTITIONS);
		}
		assertThat(command).contains("--partitions " + Topics.PARTITIONS);
	}

	@Test
	void composeRunsAsManyBrokersAsTheFaultSuiteWithItsReplicationSettings() {
		assertThat(BROKERS).hasSize(ReplicatedKafka.BROKERS);
		Set<String> nodeIds = new HashSet<>();
		for (String broker : BROKERS) {
			Map<String, String> environment = environment(service(broker));

			assertThat(environment).as(broker)
				.containsEntry("KAFKA_DEFAULT_REPLICATION_FACTOR", String.valueOf(ReplicatedKafka.BROKERS))
				.containsEntry("KAFKA_MIN_INSYNC_REPLICAS", String.valueOf(ReplicatedKafka.MIN_IN_SYNC_REPLICAS))
				.containsEntry("KAFKA_UNCLEAN_LEADER_ELECTION_ENABLE", "false")
				.containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", String.valueOf(ReplicatedKafka.BROKERS))
				.containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR",
						String.valueOf(ReplicatedKafka.BROKERS))
				.containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR",
						String.valueOf(ReplicatedKafka.MIN_IN_SYNC_REPLICAS))
				.containsEntry("KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://" + broker + ":9092");
			assertThat(environment.get("KAFKA_PROCESS_ROLES")).as(broker).contains("broker");
			assertThat(environment.get("KAFKA_CONTROLLER_QUORUM_VOTERS")).as(broker)
				.isEqualTo(voters(BROKERS.stream().map(ComposeDriftTest::service).toList()));
			nodeIds.add(environment.get("KAFKA_NODE_ID"));
		}
		assertThat(nodeIds).as("distinct node ids").hasSize(BROKERS.size());
	}

	@Test
	void composeCreatesTheTopicsReplicatedWithMinInSyncReplicasAndNoUncleanElection() {
		String command = String.valueOf(service("kafka-topics").get("command"));

		assertThat(command).contains("--replication-factor " + ReplicatedKafka.BROKERS)
			.contains("--config min.insync.replicas=" + ReplicatedKafka.MIN_IN_SYNC_REPLICAS)
			.contains("--config unclean.leader.election.enable=false")
			.doesNotContain("--replication-factor 1");
		assertThat(bootstrapList(environment(service("kafka-topics")).get("KAFKA_BOOTSTRAP")))
			.containsExactlyInAnyOrderElementsOf(brokerAddresses());
	}

	@ParameterizedTest(name = "{0}: bootstrap list names every broker")
	@MethodSource("services")
	void everyServiceIsGivenEveryBroker(String service, String database) {
		String bootstrap = environment(service(service)).get("SPRING_KAFKA_BOOTSTRAP_SERVERS");

		assertThat(bootstrapList(bootstrap)).as("%s's SPRING_KAFKA_BOOTSTRAP_SERVERS", service)
			.containsExactlyInAnyOrderElementsOf(brokerAddresses());
	}

	@Test
	void secureOverrideRunsEveryBrokerOfTheBaseFileEachWithItsOwnKeystoreAndVolume() {
		Map<String, Object> secure = services(SECURE_COMPOSE);
		Set<String> dataVolumes = new HashSet<>();

		for (String broker : BROKERS) {
			assertThat(secure).as("the secure override runs %s", broker).containsKey(broker);
			Map<String, Object> node = castMap(secure.get(broker));
			assertThat(node).as(broker).doesNotContainKey("profiles");
			assertThat(stringList(node.get("entrypoint"))).as(broker).contains("/opt/pipeline-kafka/broker.sh");
			// node ids, cluster id, quorum and replication stay docker-compose.yml's
			assertThat(environment(node).keySet()).as(broker)
				.containsExactlyInAnyOrder("SCRAM_PASSWORD_BROKER", "TLS_STORE_PASSWORD");
			List<String> volumes = stringList(node.get("volumes"));
			// its own private key only
			assertThat(volumes.stream().filter((volume) -> volume.contains(".keystore.p12")).toList()).as(broker)
				.containsExactly(
						"./docker/kafka/secrets/" + broker + ".keystore.p12:/etc/kafka/secrets/kafka.keystore.p12:ro");
			volumes.stream()
				.filter((volume) -> volume.endsWith(":/var/lib/kafka/data"))
				.map((volume) -> volume.substring(0, volume.indexOf(':')))
				.forEach(dataVolumes::add);
		}
		assertThat(dataVolumes).as("a data volume per node").hasSize(BROKERS.size());
		assertThat(castMap(readCompose(SECURE_COMPOSE).get("volumes")).keySet()).containsAll(dataVolumes);
	}

	@Test
	void secureOverrideKeepsEveryBootstrapListOfAllBrokers() {
		Map<String, Object> secure = services(SECURE_COMPOSE);

		assertThat(String.valueOf(secure)).doesNotContain("BOOTSTRAP");
		for (String client : List.of("order-intake", "provisioner", "status-service", "kafka-topics")) {
			assertThat(secure).as("the secure override configures %s", client).containsKey(client);
		}
	}

	@Test
	void secureInitCreatesTheTopicsReplicatedAsTheFaultSuiteOnceAllBrokersAreRegistered() throws IOException {
		String init = Files.readString(Path.of("..", "docker", "kafka", "init.sh"));

		assertThat(init).contains("replication_factor=" + ReplicatedKafka.BROKERS + "\n")
			.contains("--replication-factor \"$replication_factor\"")
			.contains("--config min.insync.replicas=" + ReplicatedKafka.MIN_IN_SYNC_REPLICAS)
			.contains("--config unclean.leader.election.enable=false")
			.contains("[[ $brokers -ge $replication_factor ]] && break")
			.contains("bootstrap=${KAFKA_BOOTSTRAP:?")
			.doesNotContain("--replication-factor 1")
			.doesNotContain("kafka:9092");
	}

	@Test
	void makeCertsWritesAKeystoreForEveryBroker() throws IOException {
		String makeCerts = Files.readString(Path.of("..", "docker", "kafka", "make-certs.sh"));

		assertThat(makeCerts).contains("nodes=(" + String.join(" ", BROKERS) + ")")
			.contains("san=dns:$node,dns:kafka,dns:localhost");
	}

	private static List<String> brokerAddresses() {
		return BROKERS.stream().map((broker) -> broker + ":9092").toList();
	}

	private static List<String> bootstrapList(String bootstrap) {
		assertThat(bootstrap).isNotBlank();
		return List.of(bootstrap.split(","));
	}

	private static String voters(List<Map<String, Object>> brokers) {
		return brokers.stream()
			.map((broker) -> environment(broker).get("KAFKA_NODE_ID") + "@"
					+ environment(broker).get("KAFKA_ADVERTISED_LISTENERS")
						.replace("PLAINTEXT://", "")
						.replace(":9092", ":9093"))
			.collect(Collectors.joining(","));
	}

	@Test
	void provisionerPublishesNoHostPortSoItCanScaleOut() throws IOException {
		assertThat(service("provisioner")).doesNotContainKey("ports");
	}

	private static String relaxed(String name) {
		return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> service(String name) {
		Map<String, Object> services = services(COMPOSE);
		assertThat(services).containsKey(name);
		return (Map<String, Object>) services.get(name);
	}

	private static Map<String, Object> services(Path file) {
		return castMap(readCompose(file).get("services"));
	}

	private static Map<String, Object> readCompose(Path file) {
		try (InputStream in = Files.newInputStream(file)) {
			return new Yaml().load(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> castMap(Object value) {
		return (value != null) ? (Map<String, Object>) value : Map.of();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, String> environment(Map<String, Object> service) {
		Map<String, Object> environment = (Map<String, Object>) service.getOrDefault("environment", Map.of());
		return environment.entrySet()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, (entry) -> String.valueOf(entry.getValue())));
	}

	@SuppressWarnings("unchecked")
	private static List<String> stringList(Object value) {
		return (value != null) ? ((List<Object>) value).stream().map(String::valueOf).toList() : List.of();
	}

	private static Properties serviceProperties(String service) throws IOException {
		Properties properties = new Properties();
		try (InputStream in = ComposeDriftTest.class.getResourceAsStream("/" + service + ".properties")) {
			assertThat(in).as("%s.properties on the class path", service).isNotNull();
			properties.load(in);
		}
		return properties;
	}

}
