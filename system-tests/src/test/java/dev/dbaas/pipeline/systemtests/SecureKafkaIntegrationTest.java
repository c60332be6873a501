package dev.dbaas.pipeline.systemtests;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.dbaas.pipeline.localinfra.FreePorts;
import dev.dbaas.pipeline.localinfra.KraftBroker;
import dev.dbaas.pipeline.schemas.TopicSpec;
import dev.dbaas.pipeline.schemas.Topics;
import dev.dbaas.pipeline.systemtests.faults.stack.ReplicatedKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The Kafka hardening of docker-compose.secure.yml holds, without Docker: an in-process
 * KRaft broker runs the configuration docker/kafka/broker.sh writes for kafka-1 (rendered
 * by bash from docker/kafka/lib.sh with the compose files' environment:
 * StandardAuthorizer, deny by default, the broker as the only super user, SCRAM-SHA-512
 * for clients, PLAIN on the controller listener) with the users and ACLs of
 * docker/kafka/acls.txt, and each service connects with the Kafka client configuration
 * that docker-compose.secure.yml gives it, bound by Spring Boot as the service binds it.
 * Each service can do its work and cannot do its neighbours'. The rendering of all three
 * nodes is checked too: one quorum, each node advertising its own host, replicated as the
 * fault suite's {@link ReplicatedKafka}.
 *
 * <p>
 * Covered here: SASL/SCRAM, the ACLs and the three nodes' configuration. Not covered:
 * TLS, and a running three-node cluster. The in-process broker is one node: it takes its
 * addresses and its replication (factor 1) from {@link KraftBroker}, and its client and
 * controller listeners are SASL_PLAINTEXT where compose has SASL_SSL; the ssl lines are
 * left out, so TLS is covered by the compose files and docker/kafka/make-certs.sh only.
 */
class SecureKafkaIntegrationTest {

	private static final Path KAFKA_DIR = Path.of("..", "docker", "kafka");

	private static final Path SECURE_COMPOSE = Path.of("..", "docker-compose.secure.yml");

	/** The nodes of the secure cluster, as docker-compose.yml names them. */
	private static final List<String> NODES = List.of("kafka-1", "kafka-2", "kafka-3");

	/**
	 * What broker.sh writes per node that the one in-process node sets for itself: its
	 * addresses, its log directory and one-node replication.
	 */
	private static final Set<String> NOT_FOR_ONE_IN_PROCESS_NODE = Set.of("node.id", "process.roles", "listeners",
			"advertised.listeners", "controller.quorum.voters", "log.dirs", "default.replication.factor",
			"min.insync.replicas", "offsets.topic.replication.factor", "transaction.state.log.replication.factor",
			"transaction.state.log.min.isr", "share.coordinator.state.topic.replication.factor",
			"share.coordinator.state.topic.min.isr");

	private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+)(:\\?[^}]*)?}");

	/** What docker/kafka/secure.env holds in compose: fresh per run. */
	private static final Map<String, String> ENV = Stream
		.of("TLS_STORE_PASSWORD", "SCRAM_PASSWORD_BROKER", "SCRAM_PASSWORD_ORDER_INTAKE", "SCRAM_PASSWORD_PROVISIONER",
				"SCRAM_PASSWORD_STATUS_SERVICE", "SCRAM_PASSWORD_OPS", "SCRAM_PASSWORD_OPS_REDRIVE")
		.collect(Collectors.toMap(Function.identity(), (name) -> UUID.randomUUID().toString().replace("-", "")));

	private static final String PLACED = Topics.ORDER_PLACED.name();

	private static final String STATUS = Topics.ORDER_STATUS.name();

	private static final String PLACED_DLT = Topics.ORDER_PLACED_DLT.name();

	private static final String STATUS_DLT = Topics.ORDER_STATUS_DLT.name();

	private static final String STATUS_GROUP_PLACEHOLDER = "<status-service's group>";

	private static final String PROVISIONER_GROUP_PLACEHOLDER = "<provisioner's group>";

	@TempDir
	static Path dir;

	private static KraftBroker broker;

	private static KafkaAclPlan plan;

	@BeforeAll
	static void startBrokerWithThePlansUsersAndAcls() throws Exception {
		plan = KafkaAclPlan.read();
		int port = FreePorts.any();
		int controllerPort = FreePorts.any();
		Map<String, String> overrides = new HashMap<>(brokerSecurity());
		overrides.keySet().removeAll(NOT_FOR_ONE_IN_PROCESS_NODE);
		overrides.put("listeners", "CLIENT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
		overrides.put("advertised.listeners", "CLIENT://127.0.0.1:" + port);
		overrides.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
		Map<String, Object> brokerClient = Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism",
				"SCRAM-SHA-512", "sasl.jaas.config", jaas("broker", ENV.get("SCRAM_PASSWORD_BROKER")));
		// as broker.sh: the broker's own user at format time
		broker = KraftBroker
			.create(dir.resolve("kafka"), port, overrides,
					new KraftBroker.Authentication(
							List.of("SCRAM-SHA-512=[name=broker,password=" + ENV.get("SCRAM_PASSWORD_BROKER") + "]"),
							brokerClient))
			.start();
		// as init.sh, as the broker's user: topics, the plan's users, the plan's ACLs
		Map<String, Object> admin = new HashMap<>(brokerClient);
		admin.put("bootstrap.servers", broker.bootstrapServers());
		try (Admin client = Admin.create(admin)) {
			client
				.createTopics(Topics.all()
					.stream()
					.map((topic) -> new NewTopic(topic.name(), topic.partitions(), (short) 1))
					.toList())
				.all()
				.get(30, TimeUnit.SECONDS);
			client
				.alterUserScramCredentials(plan.users()
					.stream().<org.apache.kafka.clients.admin.UserScramCredentialAlteration>map(
							(user) -> new UserScramCredentialUpsertion(user,
									new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096),
									ENV.get(passwordVariable(user))))
					.toList())
				.all()
				.get(30, TimeUnit.SECONDS);
			client.createAcls(plan.bindings()).all().get(30, TimeUnit.SECONDS);
		}
		try (KafkaProducer<String, String> seed = new KafkaProducer<>(producerProperties(admin))) {
			for (TopicSpec topic : Topics.all()) {
				seed.send(new ProducerRecord<>(topic.name(), "seed", "seed")).get(30, TimeUnit.SECONDS);
			}
		}
	}

	@AfterAll
	static void stopBroker() {
		if (broker != null) {
			broker.stop();
		}
	}

	@Test
	void brokerDeniesByDefaultAndHasOnlyItselfAsSuperUser() throws IOException {
		Map<String, String> security = brokerSecurity();

		assertThat(security)
			.containsEntry("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
			.containsEntry("allow.everyone.if.no.acl.found", "false")
			.containsEntry("super.users", "User:broker")
			.containsEntry("listener.name.client.sasl.enabled.mechanisms", "SCRAM-SHA-512");
		assertThat(renderedBrokerConfig("kafka-1"))
			.containsEntry("listener.security.protocol.map", "CLIENT:SASL_SSL,CONTROLLER:SASL_SSL")
			.containsEntry("inter.broker.listener.name", "CLIENT")
			.containsEntry("sasl.mechanism.inter.broker.protocol", "SCRAM-SHA-512")
			.containsEntry("sasl.mechanism.controller.protocol", "PLAIN")
			.containsEntry("listener.name.controller.ssl.client.auth", "required");
		assertThat(plan.users())
			.containsExactlyInAnyOrder("order-intake", "provisioner", "status-service", "ops", "ops-redrive")
			.doesNotContain("broker");
	}

	@ParameterizedTest(name = "{0} is broker and controller of one quorum of three, replicated as the fault suite")
	@MethodSource("nodes")
	void everySecureNodeIsBrokerAndControllerOfOneQuorumReplicatedAsTheFaultSuite(String node) {
		Map<String, String> config = renderedBrokerConfig(node);
		String voters = NODES.stream()
			.map((each) -> environment(composeService(each)).get("KAFKA_NODE_ID") + "@" + each + ":9093")
			.collect(Collectors.joining(","));

		assertThat(NODES).hasSize(ReplicatedKafka.BROKERS);
		assertThat(config).containsEntry("node.id", environment(composeService(node)).get("KAFKA_NODE_ID"))
			.containsEntry("process.roles", "broker,controller")
			.containsEntry("controller.quorum.voters", voters)
			.containsEntry("listeners", "CLIENT://:9092,CONTROLLER://:9093")
			.containsEntry("advertised.listeners", "CLIENT://" + node + ":9092,CONTROLLER://" + node + ":9093")
			.containsEntry("controller.listener.names", "CONTROLLER")
			.containsEntry("default.replication.factor", String.valueOf(ReplicatedKafka.BROKERS))
			.containsEntry("min.insync.replicas", String.valueOf(ReplicatedKafka.MIN_IN_SYNC_REPLICAS))
			.containsEntry("unclean.leader.election.enable", "false")
			.containsEntry("offsets.topic.replication.factor", String.valueOf(ReplicatedKafka.BROKERS))
			.containsEntry("transaction.state.log.replication.factor", String.valueOf(ReplicatedKafka.BROKERS))
			.containsEntry("transaction.state.log.min.isr", String.valueOf(ReplicatedKafka.MIN_IN_SYNC_REPLICAS))
			.containsEntry("share.coordinator.state.topic.replication.factor", String.valueOf(ReplicatedKafka.BROKERS))
			.containsEntry("share.coordinator.state.topic.min.isr",
					String.valueOf(ReplicatedKafka.MIN_IN_SYNC_REPLICAS))
			.containsEntry("auto.create.topics.enable", "false")
			.containsEntry("listener.name.client.ssl.keystore.location", "/etc/kafka/secrets/kafka.keystore.p12")
			.containsEntry("listener.name.controller.ssl.keystore.location", "/etc/kafka/secrets/kafka.keystore.p12");
		assertThat(stringList(composeService(node).get("volumes")))
			.contains("./docker/kafka/secrets/" + node + ".keystore.p12:/etc/kafka/secrets/kafka.keystore.p12:ro");
		// formatted with the one id of the cluster, not a random one per node
		assertThat(environment(composeService(node)).get("CLUSTER_ID")).isNotBlank();
	}

	static Stream<String> nodes() {
		return NODES.stream();
	}

	@Test
	void everyNodeIsFormattedWithTheClustersIdAndTheBrokersScramUser() throws IOException {
		String broker = Files.readString(KAFKA_DIR.resolve("broker.sh"));

		assertThat(broker).contains("--cluster-id \"$CLUSTER_ID\"")
			.contains("--add-scram \"SCRAM-SHA-512=[name=broker,password=${SCRAM_PASSWORD_BROKER}]\"")
			.doesNotContain("random-uuid");
		assertThat(NODES.stream().map((node) -> environment(composeService(node)).get("CLUSTER_ID")).distinct())
			.hasSize(1);
	}

	static Stream<Arguments> unrenderable() {
		return Stream.of(arguments("KAFKA_NODE_ID", "4", "node 4 is not among the controller.quorum.voters"),
				arguments("KAFKA_NODE_ID", "", "KAFKA_NODE_ID must be this node's id"),
				arguments("KAFKA_CONTROLLER_QUORUM_VOTERS", "2@kafka-2:9093,3@kafka-3:9093",
						"node 1 is not among the controller.quorum.voters"),
				arguments("KAFKA_MIN_INSYNC_REPLICAS", "", "KAFKA_MIN_INSYNC_REPLICAS is not set"),
				arguments("SCRAM_PASSWORD_BROKER", "", "SCRAM_PASSWORD_BROKER is not set"));
	}

	@ParameterizedTest(name = "broker.sh refuses to configure a node with {0}=''{1}''")
	@MethodSource("unrenderable")
	void brokerScriptRefusesANodeOutsideTheQuorumOrWithoutItsSettings(String variable, String value, String message) {
		Map<String, String> environment = new HashMap<>(nodeEnvironment("kafka-1"));
		environment.put(variable, value);

		Rendering rendering = render(environment);

		assertThat(rendering.exitCode()).isNotZero();
		assertThat(rendering.stderr()).contains(message).doesNotContain(ENV.get("SCRAM_PASSWORD_BROKER"));
	}

	@Test
	void planNamesOnlyPipelineTopicsAndTheServicesOwnConsumerGroups() throws IOException {
		List<String> topics = Topics.all().stream().map(TopicSpec::name).toList();
		String provisionerGroup = serviceProperties("provisioner").getProperty("provisioner.consumer-group");
		String statusGroup = serviceProperties("status-service").getProperty("spring.kafka.consumer.group-id");
		String intakeGroup = serviceProperties("order-intake").getProperty("spring.kafka.consumer.group-id");

		assertThat(plan.grants()).allSatisfy((grant) -> {
			switch (grant.type()) {
				case TOPIC -> assertThat(topics).contains(grant.name());
				case GROUP -> assertThat(grant.name()).isIn(provisionerGroup, statusGroup, intakeGroup);
				default -> throw new AssertionError("unexpected grant " + grant);
			}
		});
		assertThat(plan.grants())
			.filteredOn((grant) -> grant.type() == org.apache.kafka.common.resource.ResourceType.GROUP)
			.extracting((grant) -> grant.user() + ":" + grant.name())
			.containsExactlyInAnyOrder("provisioner:" + provisionerGroup, "status-service:" + statusGroup,
					"order-intake:" + intakeGroup);
	}

	@Test
	void initContainerCreatesExactlyThePipelineTopicsAndEveryPlannedUser() throws IOException {
		String init = Files.readString(KAFKA_DIR.resolve("init.sh"));

		for (TopicSpec topic : Topics.all()) {
			assertThat(init).contains(topic.name());
		}
		assertThat(init).contains("--partitions " + Topics.PARTITIONS);
		Map<String, String> initEnvironment = environment(composeService("kafka-topics"));
		for (String user : plan.users()) {
			assertThat(initEnvironment).containsKey(passwordVariable(user));
		}
		assertThat(Files.readString(KAFKA_DIR.resolve("secure.env.example"))).contains(ENV.keySet());
	}

	@Test
	void orderIntakePublishesOrderPlacedWithItsIdempotentProducerAndReadsStatusInItsGroup() {
		assertThat(produce("order-intake", PLACED)).isNull();
		assertThat(consumeInGroup("order-intake", STATUS, group("order-intake"))).isNull();
	}

	@Test
	void provisionerConsumesOrderPlacedInItsGroupAndPublishesStatusAndDeadLetters() {
		assertThat(consumeInGroup("provisioner", PLACED, group("provisioner"))).isNull();
		assertThat(produce("provisioner", STATUS)).isNull();
		assertThat(produce("provisioner", PLACED_DLT)).isNull();
	}

	@Test
	void statusServiceConsumesBothTopicsInItsGroupAndDeadLettersEach() {
		assertThat(consumeInGroup("status-service", PLACED, group("status-service"))).isNull();
		assertThat(consumeInGroup("status-service", STATUS, group("status-service"))).isNull();
		assertThat(produce("status-service", PLACED_DLT)).isNull();
		assertThat(produce("status-service", STATUS_DLT)).isNull();
	}

	@Test
	void statusServiceResetsItsGroupForTheViewRebuild() throws Exception {
		// what ViewRebuild does with the service's admin client
		Map<String, Object> admin = clientOf("status-service").buildAdminProperties();
		String group = group("status-service");
		try (Admin client = Admin.create(kafkaClient(admin))) {
			List<TopicPartition> partitions = client.describeTopics(List.of(PLACED, STATUS))
				.allTopicNames()
				.get(30, TimeUnit.SECONDS)
				.values()
				.stream()
				.flatMap((topic) -> topic.partitions()
					.stream()
					.map((partition) -> new TopicPartition(topic.name(), partition.partition())))
				.toList();
			Map<TopicPartition, Long> earliest = client
				.listOffsets(partitions.stream()
					.collect(Collectors.toMap(Function.identity(), (tp) -> OffsetSpec.earliest())))
				.all()
				.get(30, TimeUnit.SECONDS)
				.entrySet()
				.stream()
				.collect(Collectors.toMap(Map.Entry::getKey, (entry) -> entry.getValue().offset()));
			client
				.alterConsumerGroupOffsets(group,
						earliest.entrySet()
							.stream()
							.collect(Collectors.toMap(Map.Entry::getKey,
									(entry) -> new OffsetAndMetadata(entry.getValue()))))
				.all()
				.get(30, TimeUnit.SECONDS);

			assertThat(partitions).hasSize(2 * Topics.PARTITIONS);
		}
	}

	@Test
	void opsReadsTheStatusTopicWithoutAGroup() {
		assertThat(readAssigned("ops", STATUS)).isNull();
	}

	@Test
	void opsRedriveListsDeadLettersAndRedrivesThemToTheirSourceTopics() {
		assertThat(readAssigned("ops-redrive", PLACED_DLT)).isNull();
		assertThat(readAssigned("ops-redrive", STATUS_DLT)).isNull();
		assertThat(produce("ops-redrive", PLACED)).isNull();
		assertThat(produce("ops-redrive", STATUS)).isNull();
	}

	static Stream<Arguments> forbidden() {
		return Stream.of(arguments("order-intake", "read", PLACED, "intake only publishes"),
				arguments("order-intake", "write", STATUS, "only the provisioner reports status"),
				arguments("order-intake", "write", PLACED_DLT,
						"intake dead-letters nothing: it only settles its instances from status events"),
				arguments("provisioner", "write", PLACED, "the provisioner must not place orders"),
				arguments("provisioner", "read", STATUS, "the provisioner does not read status events"),
				arguments("provisioner", "write", STATUS_DLT, "the provisioner does not consume status events"),
				arguments("status-service", "write", PLACED, "the status view must not place orders"),
				arguments("status-service", "write", STATUS, "the status view must not forge status events"),
				arguments("ops", "write", STATUS, "ops is read-only"),
				arguments("ops", "read", PLACED, "ops reads status events only"),
				arguments("ops", "read", STATUS_DLT, "ops reads status events only"),
				arguments("ops", "read", PLACED_DLT, "dead letters of orders carry whole orders: ops-redrive only"),
				arguments("ops", "write", PLACED, "re-driving is ops-redrive's"),
				arguments("ops-redrive", "read", PLACED, "ops-redrive reads dead letters only"),
				arguments("ops-redrive", "read", STATUS, "ops-redrive reads dead letters only"),
				arguments("ops-redrive", "write", PLACED_DLT, "dead letters are written by the consumers"),
				arguments("ops-redrive", "write", STATUS_DLT, "dead letters are written by the consumers"));
	}

	@ParameterizedTest(name = "{0} may not {1} {2}: {3}")
	@MethodSource("forbidden")
	void serviceIsDeniedWhatItDoesNotNeed(String user, String action, String topic, String reason) {
		Throwable failure = action.equals("write") ? produce(user, topic) : readAssigned(user, topic);

		// The idempotent producer may report the denial it met first (e.g. on its
		// producer id) as the cause of a later "error state" failure.
		assertThat(causalChain(failure)).as(reason).hasAtLeastOneElementOfType(AuthorizationException.class);
	}

	private static List<Throwable> causalChain(Throwable failure) {
		List<Throwable> chain = new ArrayList<>();
		for (Throwable cause = failure; cause != null && !chain.contains(cause); cause = cause.getCause()) {
			chain.add(cause);
		}
		return chain;
	}

	static Stream<Arguments> foreignGroups() {
		return Stream.of(arguments("provisioner", STATUS_GROUP_PLACEHOLDER, PLACED),
				arguments("status-service", PROVISIONER_GROUP_PLACEHOLDER, PLACED),
				arguments("ops", STATUS_GROUP_PLACEHOLDER, STATUS), arguments("ops", "event-tail", STATUS),
				arguments("ops-redrive", STATUS_GROUP_PLACEHOLDER, STATUS_DLT),
				arguments("order-intake", PROVISIONER_GROUP_PLACEHOLDER, PLACED),
				arguments("order-intake", STATUS_GROUP_PLACEHOLDER, STATUS));
	}

	@ParameterizedTest(name = "{0} may not consume {2} in group {1}")
	@MethodSource("foreignGroups")
	void serviceCannotJoinAnotherGroup(String user, String groupName, String topic) {
		String group = switch (groupName) {
			case STATUS_GROUP_PLACEHOLDER -> group("status-service");
			case PROVISIONER_GROUP_PLACEHOLDER -> group("provisioner");
			default -> groupName;
		};

		assertThat(consumeInGroup(user, topic, group)).isInstanceOf(AuthorizationException.class);
	}

	@ParameterizedTest(name = "{0} may neither create topics nor grant itself ACLs")
	@MethodSource("users")
	void noServiceCreatesTopicsOrAcls(String user) {
		try (Admin client = Admin.create(kafkaClient(clientOf(user).buildAdminProperties()))) {
			Throwable topic = failureOf(
					() -> client.createTopics(List.of(new NewTopic("dbaas.rogue." + user, 1, (short) 1)))
						.all()
						.get(30, TimeUnit.SECONDS));
			Throwable acl = failureOf(() -> client
				.createAcls(List.of(new KafkaAclPlan.Grant(user, org.apache.kafka.common.acl.AclOperation.ALTER,
						org.apache.kafka.common.resource.ResourceType.CLUSTER, "kafka-cluster")
					.binding()))
				.all()
				.get(30, TimeUnit.SECONDS));

			assertThat(topic).isInstanceOf(AuthorizationException.class);
			assertThat(acl).isInstanceOf(AuthorizationException.class);
		}
	}

	static Stream<String> users() throws IOException {
		return KafkaAclPlan.read().users().stream();
	}

	@Test
	void aWrongPasswordIsRefused() {
		Map<String, Object> properties = producerProperties(
				kafkaClient(clientOf("order-intake").buildProducerProperties()));
		properties.put("sasl.jaas.config", jaas("order-intake", "not-the-password"));

		assertThat(send(properties, PLACED)).isInstanceOf(SaslAuthenticationException.class);
	}

	// --- clients as the services get them

	/**
	 * The service's spring.kafka.* from docker-compose.secure.yml merged over
	 * docker-compose.yml, bound as Spring Boot binds the container's environment.
	 */
	@SuppressWarnings("unchecked")
	private static KafkaProperties clientOf(String user) {
		String service = user.startsWith("ops") ? null : user;
		Map<String, Object> environment = new LinkedHashMap<>();
		if (service == null) {
			// ops and ops-redrive are no compose services: event-tail and humans use the
			// same client settings
			environment.putAll(environment(composeService("order-intake")));
			environment.put("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG",
					jaas(user, "${" + passwordVariable(user) + ":?set in docker/kafka/secure.env}"));
		}
		else {
			environment.putAll(environment(composeService(service)));
		}
		environment.replaceAll((name, value) -> interpolate(String.valueOf(value)));
		KafkaProperties properties = new Binder(ConfigurationPropertySources.from(
				List.of(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
						environment))))
			.bind("spring.kafka", KafkaProperties.class)
			.get();
		Map<String, Object> producer = properties.buildProducerProperties();
		assertThat(producer).containsEntry("security.protocol", "SASL_SSL")
			.containsEntry("sasl.mechanism", "SCRAM-SHA-512")
			.containsEntry("ssl.truststore.location", "/etc/kafka/secrets/truststore.p12")
			.containsEntry("ssl.truststore.password", ENV.get("TLS_STORE_PASSWORD"));
		// all three nodes of the compose files, on the client listener's port
		assertThat((List<String>) producer.get("bootstrap.servers"))
			.containsExactlyInAnyOrderElementsOf(NODES.stream().map((node) -> node + ":9092").toList())
			.allSatisfy((server) -> assertThat(brokerHostNames()).as("compose broker %s", server)
				.contains(server.substring(0, server.indexOf(':'))));
		assertThat(String.valueOf(producer.get("sasl.jaas.config"))).contains("username=\"" + user + "\"");
		return properties;
	}

	/** A compose client configuration pointed at the in-process broker, without TLS. */
	private static Map<String, Object> kafkaClient(Map<String, Object> composeClient) {
		Map<String, Object> properties = new HashMap<>(composeClient);
		properties.keySet().removeIf((key) -> key.startsWith("ssl."));
		properties.put("security.protocol", "SASL_PLAINTEXT");
		properties.put("bootstrap.servers", broker.bootstrapServers());
		return properties;
	}

	private static Map<String, Object> producerProperties(Map<String, Object> client) {
		Map<String, Object> properties = new HashMap<>(client);
		properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		properties.put(ProducerConfig.ACKS_CONFIG, "all");
		properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
		properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
		properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
		return properties;
	}

	private static Map<String, Object> consumerProperties(Map<String, Object> client, String group) {
		Map<String, Object> properties = new HashMap<>(client);
		properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		properties.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
		if (group != null) {
			properties.put(ConsumerConfig.GROUP_ID_CONFIG, group);
		}
		else {
			properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
		}
		return properties;
	}

	/** Sends one record as the user; the failure, or null. */
	private static Throwable produce(String user, String topic) {
		return send(producerProperties(kafkaClient(clientOf(user).buildProducerProperties())), topic);
	}

	private static Throwable send(Map<String, Object> properties, String topic) {
		return failureOf(() -> {
			try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties)) {
				producer.send(new ProducerRecord<>(topic, "order-1", "value")).get(30, TimeUnit.SECONDS);
			}
		});
	}

	/**
	 * Reads the topic from the beginning as the user in the group and commits; the
	 * failure, or null.
	 */
	private static Throwable consumeInGroup(String user, String topic, String group) {
		return failureOf(() -> {
			try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
					consumerProperties(kafkaClient(clientOf(user).buildConsumerProperties()), group))) {
				consumer.subscribe(List.of(topic));
				List<ConsumerRecord<String, String>> records = pollSome(consumer);
				consumer.commitSync();
				assertThat(records).isNotEmpty();
			}
		});
	}

	/**
	 * Reads the topic from the beginning as the user with no group, as event-tail does;
	 * the failure, or null.
	 */
	private static Throwable readAssigned(String user, String topic) {
		return failureOf(() -> {
			try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
					consumerProperties(kafkaClient(clientOf(user).buildConsumerProperties()), null))) {
				List<TopicPartition> partitions = consumer.partitionsFor(topic)
					.stream()
					.map((info) -> new TopicPartition(topic, info.partition()))
					.toList();
				consumer.assign(partitions);
				consumer.seekToBeginning(partitions);
				assertThat(pollSome(consumer)).isNotEmpty();
			}
		});
	}

	private static List<ConsumerRecord<String, String>> pollSome(KafkaConsumer<String, String> consumer) {
		List<ConsumerRecord<String, String>> records = new ArrayList<>();
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (records.isEmpty() && System.nanoTime() < deadline) {
			consumer.poll(Duration.ofMillis(200)).forEach(records::add);
		}
		return records;
	}

	private static Throwable failureOf(Action action) {
		try {
			action.run();
			return null;
		}
		catch (ExecutionException ex) {
			return ex.getCause();
		}
		catch (Exception ex) {
			return ex;
		}
	}

	@FunctionalInterface
	private interface Action {

		void run() throws Exception;

	}

	// --- the files

	/**
	 * What broker.sh writes for kafka-1 as the in-process broker runs it: no TLS, else
	 * the same.
	 */
	private static Map<String, String> brokerSecurity() {
		Map<String, String> security = new HashMap<>(renderedBrokerConfig("kafka-1"));
		security.keySet()
			.removeIf((key) -> key.startsWith("ssl.") || key.startsWith("listener.name.client.ssl.")
					|| key.startsWith("listener.name.controller.ssl."));
		security.computeIfPresent("listener.security.protocol.map",
				(key, value) -> value.replace("CLIENT:SASL_SSL", "CLIENT:SASL_PLAINTEXT")
					.replace("CONTROLLER:SASL_SSL", "CONTROLLER:SASL_PLAINTEXT"));
		return security;
	}

	/**
	 * The configuration broker.sh writes on the node: lib.sh's broker_properties run by
	 * bash with the node's environment from both compose files.
	 */
	private static Map<String, String> renderedBrokerConfig(String node) {
		Rendering rendering = render(nodeEnvironment(node));
		assertThat(rendering.exitCode()).as("broker_properties for %s: %s", node, rendering.stderr()).isZero();
		Map<String, String> config = new LinkedHashMap<>();
		for (String line : rendering.stdout().lines().toList()) {
			String trimmed = line.strip();
			if (trimmed.isEmpty() || trimmed.startsWith("#")) {
				continue;
			}
			int equals = trimmed.indexOf('=');
			assertThat(equals).as("a property line: %s", trimmed.substring(0, Math.min(trimmed.length(), 40)))
				.isPositive();
			assertThat(config.put(trimmed.substring(0, equals), trimmed.substring(equals + 1)))
				.as("%s is set once", trimmed.substring(0, equals))
				.isNull();
		}
		return config;
	}

	/** The node's environment as compose gives it, passwords as in secure.env. */
	private static Map<String, String> nodeEnvironment(String node) {
		Map<String, String> environment = new HashMap<>(environment(composeService(node)));
		environment.replaceAll((name, value) -> interpolate(value));
		return environment;
	}

	private static Rendering render(Map<String, String> environment) {
		ProcessBuilder bash = new ProcessBuilder("bash", "-c", ". \"$1\" && broker_properties \"$2\"", "render",
				KAFKA_DIR.resolve("lib.sh").toString(), KAFKA_DIR.resolve("broker-security.properties").toString());
		String path = System.getenv("PATH");
		bash.environment().clear();
		bash.environment().putAll(environment);
		bash.environment().put("PATH", (path != null) ? path : "/usr/bin:/bin");
		try {
			Path stdout = Files.createTempFile(dir, "rendered", ".properties");
			Path stderr = Files.createTempFile(dir, "rendered", ".err");
			Process process = bash.redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
			assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("bash renders within 30 s").isTrue();
			return new Rendering(process.exitValue(), Files.readString(stdout), Files.readString(stderr));
		}
		catch (IOException ex) {
			throw new IllegalStateException("bash is needed to render docker/kafka/broker.sh's configuration", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private record Rendering(int exitCode, String stdout, String stderr) {
	}

	private static String interpolate(String value) {
		Matcher matcher = VARIABLE.matcher(value);
		StringBuilder result = new StringBuilder();
		while (matcher.find()) {
			String variable = matcher.group(1);
			assertThat(ENV).as("variable %s", variable).containsKey(variable);
			matcher.appendReplacement(result, Matcher.quoteReplacement(ENV.get(variable)));
		}
		matcher.appendTail(result);
		return result.toString();
	}

	private static String passwordVariable(String user) {
		return "SCRAM_PASSWORD_" + user.replace('-', '_').toUpperCase(java.util.Locale.ROOT);
	}

	private static String jaas(String user, String password) {
		return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\" password=\""
				+ password + "\";";
	}

	private static String group(String service) {
		try {
			return switch (service) {
				case "provisioner" -> serviceProperties(service).getProperty("provisioner.consumer-group");
				case "order-intake" -> serviceProperties(service).getProperty("spring.kafka.consumer.group-id");
				case "status-service" -> serviceProperties(service).getProperty("spring.kafka.consumer.group-id");
				default -> throw new IllegalArgumentException(service);
			};
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The host names of the compose files' Kafka services: their names and network
	 * aliases.
	 */
	@SuppressWarnings("unchecked")
	private static Set<String> brokerHostNames() {
		Set<String> names = new HashSet<>();
		for (Path file : List.of(Path.of("..", "docker-compose.yml"), SECURE_COMPOSE)) {
			try (InputStream in = Files.newInputStream(file)) {
				Map<String, Object> compose = new Yaml().load(in);
				((Map<String, Object>) compose.get("services")).forEach((name, definition) -> {
					if (!name.startsWith("kafka")) {
						return;
					}
					names.add(name);
					Object networks = ((Map<String, Object>) definition).get("networks");
					if (networks instanceof Map<?, ?> byName) {
						byName.values()
							.stream()
							.filter(Map.class::isInstance)
							.map((network) -> ((Map<String, Object>) network).getOrDefault("aliases", List.of()))
							.forEach((aliases) -> names.addAll((List<String>) aliases));
					}
				});
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return names;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> composeService(String name) {
		Map<String, Object> merged = new LinkedHashMap<>();
		for (Path file : List.of(Path.of("..", "docker-compose.yml"), SECURE_COMPOSE)) {
			try (InputStream in = Files.newInputStream(file)) {
				Map<String, Object> compose = new Yaml().load(in);
				Map<String, Object> services = (Map<String, Object>) compose.get("services");
				Map<String, Object> service = (Map<String, Object>) services.getOrDefault(name, Map.of());
				Map<String, Object> environment = new LinkedHashMap<>(
						(Map<String, Object>) merged.getOrDefault("environment", Map.of()));
				environment.putAll((Map<String, Object>) service.getOrDefault("environment", Map.of()));
				merged.putAll(service);
				merged.put("environment", environment);
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return merged;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, String> environment(Map<String, Object> service) {
		return ((Map<String, Object>) service.getOrDefault("environment", Map.of())).entrySet()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, (entry) -> String.valueOf(entry.getValue())));
	}

	@SuppressWarnings("unchecked")
	private static List<String> stringList(Object value) {
		return (value != null) ? ((List<Object>) value).stream().map(String::valueOf).toList() : List.of();
	}

	private static Properties serviceProperties(String service) throws IOException {
		Properties properties = new Properties();
		try (InputStream in = SecureKafkaIntegrationTest.class.getResourceAsStream("/" + service + ".properties")) {
			assertThat(in).as("%s.properties on the class path", service).isNotNull();
			properties.load(in);
		}
		return properties;
	}

}
