package dev.dbaas.pipeline.tail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.dbaas.pipeline.contract.kafka.DeadLetterRecoverer;
import dev.dbaas.pipeline.contract.kafka.PipelineTopics;
import dev.dbaas.pipeline.localinfra.FreePorts;
import dev.dbaas.pipeline.localinfra.KraftBroker;
import dev.dbaas.pipeline.schemas.AvroEventSerializer;
import dev.dbaas.pipeline.schemas.Topics;
import dev.dbaas.pipeline.testkit.Events;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ListenerExecutionFailedException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * event-tail as the {@code ops} user of the secure override: an in-process KRaft broker
 * with the security settings of docker/kafka/broker-security.properties (deny by default,
 * SCRAM-SHA-512 for clients) and the ACLs of the {@code ops} and {@code ops-redrive}
 * users from docker/kafka/acls.txt. The tail reads the status topic as ops; dead letters
 * are listed and re-driven as ops-redrive, and ops is denied them.
 *
 * <p>
 * As in system-tests' SecureKafkaIntegrationTest the client listener is SASL_PLAINTEXT
 * here and SASL_SSL in compose: TLS (the truststore options) is covered by the option
 * tests, not by a broker.
 */
class SecureKafkaEventTailIntegrationTest {

	private static final Path KAFKA_DIR = Path.of("..", "docker", "kafka");

	/** The user of acls.txt that lists and re-drives dead letters. */
	static final String OPS_WITH_DEAD_LETTERS = "ops-redrive";

	static final String BROKER_PASSWORD = secret();

	static final String OPS_PASSWORD = secret();

	@TempDir
	static Path dir;

	static KraftBroker broker;

	static Map<String, Object> brokerClient;

	static String orderId;

	static String deadLetterKey;

	@BeforeAll
	static void startBrokerWithTheOpsUserAndItsAcls() throws Exception {
		int port = FreePorts.any();
		int controllerPort = FreePorts.any();
		Map<String, String> overrides = new HashMap<>(brokerSecurity());
		overrides.put("listeners", "CLIENT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
		overrides.put("advertised.listeners", "CLIENT://127.0.0.1:" + port);
		overrides.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
		Map<String, Object> client = Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "SCRAM-SHA-512",
				"sasl.jaas.config",
				"org.apache.kafka.common.security.scram.ScramLoginModule required username=\"broker\"" + " password=\""
						+ BROKER_PASSWORD + "\";");
		broker = KraftBroker
			.create(dir.resolve("kafka"), port, overrides,
					new KraftBroker.Authentication(
							List.of("SCRAM-SHA-512=[name=broker,password=" + BROKER_PASSWORD + "]"), client))
			.start();
		brokerClient = new HashMap<>(client);
		brokerClient.put("bootstrap.servers", broker.bootstrapServers());
		String plan = Files.readString(KAFKA_DIR.resolve("acls.txt"));
		List<String[]> opsLines = aclLines(plan, "ops");
		List<String[]> redriveLines = aclLines(plan, OPS_WITH_DEAD_LETTERS);
		assertThat(opsLines).as("acls.txt grants ops something").isNotEmpty();
		assertThat(redriveLines).as("acls.txt grants ops-redrive something").isNotEmpty();
		List<AclBinding> bindings = new ArrayList<>();
		opsLines.forEach((line) -> bindings.add(binding("ops", line)));
		redriveLines.forEach((line) -> bindings.add(binding(OPS_WITH_DEAD_LETTERS, line)));
		try (Admin admin = Admin.create(brokerClient)) {
			admin
				.createTopics(Topics.all()
					.stream()
					.map((topic) -> new NewTopic(topic.name(), topic.partitions(), (short) 1))
					.toList())
				.all()
				.get(30, TimeUnit.SECONDS);
			admin
				.alterUserScramCredentials(List.<UserScramCredentialAlteration>of(
						new UserScramCredentialUpsertion("ops",
								new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), OPS_PASSWORD),
						new UserScramCredentialUpsertion(OPS_WITH_DEAD_LETTERS,
								new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), OPS_PASSWORD)))
				.all()
				.get(30, TimeUnit.SECONDS);
			admin.createAcls(bindings).all().get(30, TimeUnit.SECONDS);
		}
		// as the provisioner publishes a status event and a consumer dead-letters an
		// order
		orderId = UUID.randomUUID().toString();
		try (KafkaProducer<String, Object> producer = new KafkaProducer<>(producerProperties(), new StringSerializer(),
				avro())) {
			producer
				.send(new ProducerRecord<>(Topics.ORDER_STATUS.name(), orderId,
						StatusEvents.updateDone(orderId, "c-1001", 4)))
				.get(30, TimeUnit.SECONDS);
		}
		byte[] order = new AvroEventSerializer().encode(Events.anOrderPlaced().build());
		RecordMetadata placed;
		deadLetterKey = UUID.randomUUID().toString();
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProperties(), new StringSerializer(),
				new ByteArraySerializer())) {
			placed = producer.send(new ProducerRecord<>(Topics.ORDER_PLACED.name(), deadLetterKey, order))
				.get(30, TimeUnit.SECONDS);
		}
		DefaultKafkaProducerFactory<String, byte[]> factory = new DefaultKafkaProducerFactory<>(producerProperties(),
				new StringSerializer(), new ByteArraySerializer());
		new DeadLetterRecoverer(new KafkaTemplate<>(factory), PipelineTopics.defaults(), new SimpleMeterRegistry())
			.accept(new ConsumerRecord<>(Topics.ORDER_PLACED.name(), placed.partition(), placed.offset(), deadLetterKey,
					order),
					new ListenerExecutionFailedException("Listener failed", new IllegalStateException("rule 7")));
		factory.destroy();
	}

	@AfterAll
	static void stopBroker() {
		if (broker != null) {
			broker.stop();
		}
	}

	@Test
	void tailsTheStatusTopicAsOpsWithTheAclsOfTheFile() {
		Run run = run("--from=beginning", "--no-follow", "--type=UPDATE", "--security-protocol=SASL_PLAINTEXT",
				"--sasl-username=ops", "--sasl-password=" + OPS_PASSWORD);

		assertThat(run.status()).as(run.err()).isZero();
		assertThat(run.out()).contains("\"orderId\":\"" + orderId + "\"").contains("\"orderType\":\"UPDATE\"");
		assertThat(run.out() + run.err()).doesNotContain(OPS_PASSWORD);
	}

	@Test
	void takesTheSameSettingsFromACommandConfigFile() throws IOException {
		Path config = Files.writeString(dir.resolve("ops.properties"),
				"""
						security.protocol=SASL_PLAINTEXT
						sasl.mechanism=SCRAM-SHA-512
						sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="ops" password="%s";
						"""
					.formatted(OPS_PASSWORD));

		Run run = run("--from=beginning", "--no-follow", "--format=text", "--command-config=" + config);

		assertThat(run.status()).as(run.err()).isZero();
		assertThat(run.out()).contains("DONE       UPDATE order " + orderId);
	}

	@Test
	void aWrongPasswordEndsWithStatusOneAndIsNotPrinted() {
		Run run = run("--from=beginning", "--no-follow", "--security-protocol=SASL_PLAINTEXT", "--sasl-username=ops",
				"--sasl-password=wrong-" + OPS_PASSWORD);

		assertThat(run.status()).isEqualTo(1);
		assertThat(run.err()).contains("cannot read dbaas.order.status.v1 from " + broker.bootstrapServers())
			.contains("Authentication failed")
			.doesNotContain(OPS_PASSWORD);
	}

	@Test
	void opsAsTheFileDefinesItCannotReadDeadLetters() {
		Run run = run("dead-letters", "list", "--topic=" + Topics.ORDER_PLACED_DLT.name(),
				"--security-protocol=SASL_PLAINTEXT", "--sasl-username=ops", "--sasl-password=" + OPS_PASSWORD);

		assertThat(run.status()).isEqualTo(1);
		assertThat(run.err()).contains("cannot read " + Topics.ORDER_PLACED_DLT.name())
			.containsIgnoringCase("not authorized");
	}

	@Test
	void opsRedriveAsTheFileDefinesItListsAndReDrives() {
		List<String> login = List.of("--security-protocol=SASL_PLAINTEXT", "--sasl-username=" + OPS_WITH_DEAD_LETTERS,
				"--sasl-password=" + OPS_PASSWORD);
		List<String> list = new ArrayList<>(List.of("dead-letters", "list", "--order=" + deadLetterKey));
		list.addAll(login);
		List<String> redrive = new ArrayList<>(
				List.of("dead-letters", "redrive", "--topic=" + Topics.ORDER_PLACED_DLT.name(), "--all"));
		redrive.addAll(login);

		Run listed = run(list.toArray(String[]::new));
		Run redriven = run(redrive.toArray(String[]::new));

		assertThat(listed.status()).as(listed.err()).isZero();
		assertThat(listed.out()).contains("\"key\":\"" + deadLetterKey + "\"").contains("\"reason\":\"rule 7\"");
		assertThat(redriven.status()).as(redriven.err()).isZero();
		assertThat(redriven.out()).contains("\"redriven\":true")
			.contains("\"to\":{\"topic\":\"" + Topics.ORDER_PLACED.name() + "\"");
	}

	// --- helpers

	private static Run run(String... args) {
		List<String> all = new ArrayList<>(List.of(args));
		all.add("--bootstrap-servers=" + broker.bootstrapServers());
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int status = EventTail.run(all, new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8));
		return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

	/** broker-security.properties without TLS, as SecureKafkaIntegrationTest runs it. */
	private static Map<String, String> brokerSecurity() throws IOException {
		Map<String, String> security = new HashMap<>();
		for (String line : Files.readAllLines(KAFKA_DIR.resolve("broker-security.properties"))) {
			String trimmed = line.strip();
			if (trimmed.isEmpty() || trimmed.startsWith("#")) {
				continue;
			}
			int equals = trimmed.indexOf('=');
			String key = trimmed.substring(0, equals);
			if (key.startsWith("ssl.") || key.startsWith("listener.name.client.ssl.")
					|| key.startsWith("listener.name.controller.ssl.")) {
				continue;
			}
			security.put(key, trimmed.substring(equals + 1).replace("${SCRAM_PASSWORD_BROKER}", BROKER_PASSWORD));
		}
		security.computeIfPresent("listener.security.protocol.map",
				(key, value) -> value.replace("CLIENT:SASL_SSL", "CLIENT:SASL_PLAINTEXT")
					.replace("CONTROLLER:SASL_SSL", "CONTROLLER:SASL_PLAINTEXT"));
		assertThat(security).containsEntry("allow.everyone.if.no.acl.found", "false");
		return security;
	}

	/**
	 * The lines of acls.txt's format for one user: user, operation, resource type, name.
	 */
	private static List<String[]> aclLines(String text, String user) {
		return text.lines()
			.map(String::strip)
			.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
			.map((line) -> line.split("\\s+"))
			.filter((columns) -> columns[0].equals(user))
			.toList();
	}

	private static AclBinding binding(String user, String[] line) {
		return new AclBinding(new ResourcePattern(ResourceType.fromString(line[2]), line[3], PatternType.LITERAL),
				new AccessControlEntry("User:" + user, "*", AclOperation.fromString(line[1]), AclPermissionType.ALLOW));
	}

	private static Map<String, Object> producerProperties() {
		Map<String, Object> properties = new HashMap<>(brokerClient);
		properties.put(ProducerConfig.ACKS_CONFIG, "all");
		return properties;
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static Serializer<Object> avro() {
		return (Serializer) new AvroEventSerializer();
	}

	private static String secret() {
		return UUID.randomUUID().toString().replace("-", "");
	}

	record Run(int status, String out, String err) {

	}

}
