package dev.dbaas.pipeline.tail;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.dbaas.pipeline.events.OrderStatusChanged;
import dev.dbaas.pipeline.schemas.AvroEventSerializer;
import dev.dbaas.pipeline.testkit.PipelineEnvironment;
import dev.dbaas.pipeline.testkit.RealInfrastructure;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The tail against a real broker: status events written with the pipeline's serializer,
 * and a poison record among them.
 */
@RealInfrastructure
class EventTailIntegrationTest {

	/** Everything is written an hour ago, except the late order, ten minutes ago. */
	static final Instant AN_HOUR_AGO = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

	static final Instant TEN_MINUTES_AGO = AN_HOUR_AGO.plus(50, ChronoUnit.MINUTES);

	static String bootstrapServers;

	static String topic;

	@BeforeAll
	static void writeStatusEvents(PipelineEnvironment env) {
		bootstrapServers = env.bootstrapServers();
		topic = env.orderStatus().name();
		send(AN_HOUR_AGO, StatusEvents.processing("o-done", "c-1001", 1, "ALLOCATE_NODE"),
				StatusEvents.processing("o-failed", "c-2002", 1, "ALLOCATE_NODE"),
				StatusEvents.processing("o-done", "c-1001", 2, "ATTACH_STORAGE"));
		sendRaw(AN_HOUR_AGO, "poison-1", "not an event".getBytes(StandardCharsets.UTF_8));
		send(AN_HOUR_AGO, StatusEvents.failed("o-failed", "c-2002", 2, "REGION_CAPACITY_EXHAUSTED"),
				StatusEvents.done("o-done", "c-1001", 3));
		send(AN_HOUR_AGO, StatusEvents.updateDone("o-update", "c-4004", 5),
				StatusEvents.cancelled("o-cancelled", "c-4004", 3));
		send(AN_HOUR_AGO, StatusEvents.deleteDone("o-delete", "c-4004", 3));
		send(TEN_MINUTES_AGO, StatusEvents.processing("o-late", "c-1001", 1, "ALLOCATE_NODE"));
	}

	@Test
	void printsOnlyChangeOrdersWithTheirObservedSettings() {
		List<String> lines = tail("--from=beginning", "--no-follow", "--type=UPDATE,DELETE");

		assertThat(lines).filteredOn((line) -> line.startsWith("{\"orderId\""))
			.extracting((line) -> line.substring(0, line.indexOf(',')))
			.containsExactlyInAnyOrder("{\"orderId\":\"o-update\"", "{\"orderId\":\"o-delete\"");
		assertThat(lines).anySatisfy((line) -> assertThat(line).startsWith("{\"orderId\":\"o-update\"")
			.contains("\"orderType\":\"UPDATE\"")
			.contains("\"observed\":{\"nodeSize\":\"b2-8\",\"storageGb\":100"));
		assertThat(lines).filteredOn((line) -> line.startsWith("{\"error\"")).as("the poison record").hasSize(1);
	}

	@Test
	void printsACancelledCreateAsTextForAHuman() {
		List<String> lines = tail("--from=beginning", "--no-follow", "--customer=c-4004", "--status=CANCELLED",
				"--format=text");

		assertThat(lines).filteredOn((line) -> !line.contains("UNDECODABLE"))
			.singleElement()
			.asString()
			.contains("CANCELLED  CREATE order o-cancelled customer c-4004 instance db-0123456789abcdef #3");
	}

	@Test
	void printsTheEventsOfOneOrderAsJsonLinesInSequence() {
		List<String> lines = tail("--from=beginning", "--no-follow", "--order", "o-done");

		assertThat(lines).hasSize(3);
		assertThat(lines).allSatisfy((line) -> assertThat(line).startsWith("{\"orderId\":\"o-done\"").endsWith("}"));
		assertThat(lines.get(0)).contains("\"status\":\"PROCESSING\",\"sequence\":1,\"step\":\"ALLOCATE_NODE\"");
		assertThat(lines.get(1)).contains("\"status\":\"PROCESSING\",\"sequence\":2,\"step\":\"ATTACH_STORAGE\"");
		assertThat(lines.get(2)).contains("\"status\":\"DONE\",\"sequence\":3")
			.contains("\"instance\":{\"host\":\"db-o-done.de-west-1.dbaas.internal\",\"port\":3306")
			.contains("\"kafka\":{\"topic\":\"" + topic + "\"");
	}

	@Test
	void printsOnlyFailedEventsAndThePoisonRecordAsAnErrorLine() {
		List<String> lines = tail("--from=beginning", "--no-follow", "--status=FAILED");

		assertThat(lines).hasSize(2);
		assertThat(lines).anySatisfy((line) -> assertThat(line).startsWith("{\"orderId\":\"o-failed\"")
			.contains("\"status\":\"FAILED\"")
			.contains("\"failure\":{\"code\":\"REGION_CAPACITY_EXHAUSTED\""));
		assertThat(lines).anySatisfy((line) -> assertThat(line)
			.startsWith("{\"error\":\"UNDECODABLE\",\"reason\":\"NOT_SINGLE_OBJECT_ENCODED\"")
			.contains("\"key\":\"poison-1\",\"bytes\":12"));
	}

	@Test
	void printsTheEventsOfOneCustomer() {
		List<String> lines = tail("--from=beginning", "--no-follow", "--customer=c-2002");

		assertThat(lines).filteredOn((line) -> line.startsWith("{\"orderId\""))
			.hasSize(2)
			.allSatisfy((line) -> assertThat(line).contains("\"customerId\":\"c-2002\""));
		assertThat(lines).filteredOn((line) -> line.startsWith("{\"error\"")).hasSize(1);
	}

	@Test
	void startsAtAGivenTime() {
		List<String> lines = tail("--from=" + TEN_MINUTES_AGO.minus(5, ChronoUnit.MINUTES), "--no-follow");

		assertThat(lines).singleElement().asString().startsWith("{\"orderId\":\"o-late\"");
	}

	@Test
	void followsNewEventsUntilStopped() throws InterruptedException {
		Instant started = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
		TailOptions options = TailOptions.parse(List.of("--bootstrap-servers=" + bootstrapServers, "--topic=" + topic,
				"--from=" + started, "--follow", "--order=o-new"), Instant.now());
		try (StatusTopicTail tail = StatusTopicTail.connect(options)) {
			Thread reader = new Thread(() -> tail.printTo(out), "tail-under-test");
			reader.start();

			send(Instant.now(), StatusEvents.processing("o-new", "c-3003", 1, "ALLOCATE_NODE"));
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("\"o-new\""));
			send(Instant.now(), StatusEvents.done("o-new", "c-3003", 2));
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("\"DONE\""));

			tail.stop();
			reader.join(Duration.ofSeconds(10).toMillis());
			assertThat(reader.isAlive()).as("tail stopped").isFalse();
		}
		assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).hasSize(2);
	}

	@Test
	void endsWithStatusOneWhenTheTopicDoesNotExist() {
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int status = EventTail.run(
				List.of("--bootstrap-servers=" + bootstrapServers, "--topic=no.such.topic", "--no-follow"),
				new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));

		assertThat(status).isEqualTo(1);
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("topic 'no.such.topic' does not exist");
	}

	private static List<String> tail(String... args) {
		List<String> all = new ArrayList<>(List.of("--bootstrap-servers=" + bootstrapServers, "--topic=" + topic));
		all.addAll(List.of(args));
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int status = EventTail.run(all, new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8));
		assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
		return out.toString(StandardCharsets.UTF_8).lines().toList();
	}

	private static void send(Instant timestamp, OrderStatusChanged... events) {
		try (KafkaProducer<String, OrderStatusChanged> producer = producer(serializer())) {
			for (OrderStatusChanged event : events) {
				producer.send(new ProducerRecord<>(topic, null, timestamp.toEpochMilli(), event.getOrderId(), event));
			}
		}
	}

	private static void sendRaw(Instant timestamp, String key, byte[] value) {
		try (KafkaProducer<String, byte[]> producer = producer(new ByteArraySerializer())) {
			producer.send(new ProducerRecord<>(topic, null, timestamp.toEpochMilli(), key, value));
		}
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static Serializer<OrderStatusChanged> serializer() {
		return (Serializer) new AvroEventSerializer();
	}

	private static <V> KafkaProducer<String, V> producer(Serializer<V> values) {
		return new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all"),
				new StringSerializer(), values);
	}

}
