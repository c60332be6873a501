package dev.dbaas.pipeline.tail.deadletters;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import dev.dbaas.pipeline.contract.kafka.DeadLetterRecoverer;
import dev.dbaas.pipeline.contract.kafka.PipelineHeaders;
import dev.dbaas.pipeline.contract.kafka.PipelineTopics;
import dev.dbaas.pipeline.events.InstanceChanges;
import dev.dbaas.pipeline.events.OrderPlaced;
import dev.dbaas.pipeline.events.OrderType;
import dev.dbaas.pipeline.schemas.AvroEventSerializer;
import dev.dbaas.pipeline.schemas.EventDecodingException;
import dev.dbaas.pipeline.tail.EventTail;
import dev.dbaas.pipeline.testkit.Events;
import dev.dbaas.pipeline.testkit.PipelineEnvironment;
import dev.dbaas.pipeline.testkit.RealInfrastructure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.serializer.SerializationUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dead letters against a real broker, written by the pipeline's own
 * {@link DeadLetterRecoverer} from records that were really consumed from the source
 * topic: listed with their reason, source position and payload; re-driven ones appear on
 * the source topic once, with the same key and bytes; undecodable ones are refused.
 */
@RealInfrastructure
class DeadLettersIntegrationTest {

	static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

	static String bootstrapServers;

	static String placed;

	static String placedDlt;

	static String statusDlt;

	/**
	 * The update dead-lettered by a consumer rule, its source record, its dead letter.
	 */
	static Letter update;

	/** A create dead-lettered by the same rule. */
	static Letter create;

	/** Bytes that are no event. */
	static Letter poison;

	/** An order whose type reads as UNKNOWN. */
	static Letter unknownType;

	static KafkaProducer<String, byte[]> producer;

	@BeforeAll
	static void deadLetterRecordsAsTheConsumersDo(PipelineEnvironment env) throws Exception {
		bootstrapServers = env.bootstrapServers();
		placed = env.orderPlaced().name();
		placedDlt = env.orderPlacedDlt().name();
		statusDlt = env.orderStatusDlt().name();
		producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all"),
				new StringSerializer(), new ByteArraySerializer());
		AvroEventSerializer avro = new AvroEventSerializer();
		OrderPlaced updateOrder = Events.anOrderPlaced()
			.setType(OrderType.UPDATE)
			.setInstanceId("db-0123456789abcdef")
			.setInstanceVersion(2L)
			.setStorageGb(100)
			.setChanges(InstanceChanges.newBuilder().setStorageGb(100).build())
			.build();
		OrderPlaced createOrder = Events.anOrderPlaced().build();
		OrderPlaced unknownOrder = Events.anOrderPlaced().setType(OrderType.UNKNOWN).build();

		update = Letter.source(updateOrder.getOrderId(), avro.encode(updateOrder), TRACEPARENT);
		create = Letter.source(createOrder.getOrderId(), avro.encode(createOrder), null);
		poison = Letter.source("poison-1", "not an event".getBytes(StandardCharsets.UTF_8), null);
		unknownType = Letter.source(unknownOrder.getOrderId(), avro.encode(unknownOrder), null);
		List<Letter> letters = List.of(update, create, poison, unknownType);
		for (Letter letter : letters) {
			RecordMetadata sent = producer.send(letter.toSend(placed)).get(30, TimeUnit.SECONDS);
			letter.source = new RecordPosition(placed, sent.partition(), sent.offset());
		}

		DefaultKafkaProducerFactory<String, byte[]> factory = new DefaultKafkaProducerFactory<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), new StringSerializer(),
				new ByteArraySerializer());
		DeadLetterRecoverer recoverer = new DeadLetterRecoverer(new KafkaTemplate<>(factory),
				new PipelineTopics(placed, env.orderStatus().name(), placedDlt, statusDlt), new SimpleMeterRegistry(),
				placed);
		for (ConsumerRecord<String, byte[]> consumed : readNew(placed, Map.of())) {
			Letter letter = letters.stream()
				.filter((candidate) -> candidate.source.equals(RecordPosition.of(consumed)))
				.findFirst()
				.orElseThrow();
			if (letter == poison) {
				// as ErrorHandlingDeserializer hands an undecodable value to the listener
				RecordHeaders headers = new RecordHeaders(consumed.headers().toArray());
				SerializationUtils.deserializationException(headers, consumed.value(),
						new EventDecodingException(EventDecodingException.Reason.NOT_SINGLE_OBJECT_ENCODED,
								"OrderPlaced payload of 12 bytes does not start with the single-object marker C3 01",
								null),
						false);
				recoverer.accept(new ConsumerRecord<>(consumed.topic(), consumed.partition(), consumed.offset(),
						consumed.timestamp(), TimestampType.CREATE_TIME, 0, 0, consumed.key(), null, headers,
						Optional.empty()), new IllegalStateException("failed to deserialize"));
			}
			else {
				recoverer.accept(consumed, new ListenerExecutionFailedException("Listener failed",
						new IllegalStateException("rule 7: instance " + consumed.key() + " is not known yet")));
			}
		}
		factory.destroy();
		for (ConsumerRecord<String, byte[]> dead : readNew(placedDlt, Map.of())) {
			letters.stream()
				.filter((letter) -> letter.key.equals(dead.key()))
				.findFirst()
				.orElseThrow().deadLetter = RecordPosition.of(dead);
		}
		assertThat(letters).allSatisfy((letter) -> assertThat(letter.deadLetter).isNotNull());
	}

	@AfterAll
	static void closeProducer() {
		if (producer != null) {
			producer.close();
		}
	}

	@Test
	void listsEveryDeadLetterWithItsReasonSourcePositionAndPayload() {
		Run run = run("dead-letters", "list", "--topic=" + placedDlt);

		assertThat(run.status()).as(run.err()).isZero();
		assertThat(run.lines()).hasSize(4);
		assertThat(run.lineOf(update)).contains("\"key\":\"" + update.key + "\"")
			.contains("\"reason\":\"rule 7: instance " + update.key + " is not known yet\"")
			.contains("\"source\":{\"topic\":\"" + placed + "\",\"partition\":" + update.source.partition()
					+ ",\"offset\":" + update.source.offset())
			.contains("\"payload\":{\"decodes\":true,\"type\":\"OrderPlaced\",\"event\":{\"eventId\":")
			.contains("\"type\":\"UPDATE\"")
			.contains("\"changes\":{\"storageGb\":100}")
			.contains("\"redrivable\":true");
		assertThat(run.lineOf(poison)).contains("\"reason\":\"NOT_SINGLE_OBJECT_ENCODED: OrderPlaced payload of 12")
			.contains("\"source\":{\"topic\":\"" + placed + "\",\"partition\":" + poison.source.partition()
					+ ",\"offset\":" + poison.source.offset())
			.contains("\"payload\":{\"decodes\":false,\"reason\":\"NOT_SINGLE_OBJECT_ENCODED\"")
			.contains("\"bytes\":12,\"hexPrefix\":\"6e6f7420616e206576656e74\",\"base64Prefix\":\"bm90IGFuIGV2ZW50\"")
			.contains("\"redrivable\":false,\"refusal\":\"it still does not decode under the current schemas");
		assertThat(run.lineOf(unknownType)).contains("\"decodes\":true")
			.contains("\"redrivable\":false,\"refusal\":\"it decodes, but its type reads as UNKNOWN");
	}

	@Test
	void listsChosenDeadLettersAsTextForAHuman() {
		Run run = run("dead-letters", "list", "--topic", placedDlt, "--format=text",
				"--offsets=" + update.offsets() + "," + poison.offsets());

		assertThat(run.status()).as(run.err()).isZero();
		assertThat(run.out()).contains(update.deadLetter + "  ")
			.contains("  from     " + update.source)
			.contains("  reason   rule 7: instance " + update.key + " is not known yet")
			.contains("  payload  OrderPlaced {\"eventId\":")
			.contains("  redrive  ready")
			.contains("  payload  does not decode: NOT_SINGLE_OBJECT_ENCODED")
			.contains("hex 6e6f7420616e206576656e74, base64 bm90IGFuIGV2ZW50")
			.doesNotContain(create.key);
	}

	@Test
	void filtersTheListByOrder() {
		Run run = run("dead-letters", "list", "--topic=" + placedDlt, "--order=" + create.key);

		assertThat(run.lines()).singleElement().asString().contains("\"key\":\"" + create.key + "\"");
	}

	@Test
	void reDrivesAChosenDeadLetterToItsSourceTopicOnceWithTheSameKeyAndBytes() {
		Map<TopicPartition, Long> before = endOffsets(placed);

		Run run = run("dead-letters", "redrive", "--topic=" + placedDlt, "--offsets=" + update.offsets());

		assertThat(run.status()).as(run.err()).isZero();
		assertThat(run.lines()).singleElement()
			.asString()
			.startsWith("{\"redriven\":true,\"deadLetter\":{\"topic\":\"" + placedDlt + "\"")
			.contains("\"to\":{\"topic\":\"" + placed + "\",\"partition\":" + update.source.partition());
		List<ConsumerRecord<String, byte[]>> redriven = readNew(placed, before);
		assertThat(redriven).singleElement().satisfies((record) -> {
			assertThat(record.key()).isEqualTo(update.key);
			assertThat(record.value()).isEqualTo(update.value);
			assertThat(record.partition()).as("the key's partition").isEqualTo(update.source.partition());
			assertThat(PipelineHeaders.lastValue(record.headers(), Redrive.REDRIVEN_FROM))
				.isEqualTo(update.deadLetter.toString());
			assertThat(PipelineHeaders.lastValue(record.headers(), Redrive.REDRIVEN_AT)).isNotBlank();
			assertThat(PipelineHeaders.lastValue(record.headers(), PipelineHeaders.TRACEPARENT)).isEqualTo(TRACEPARENT);
			assertThat(record.headers().toArray())
				.noneSatisfy((header) -> assertThat(header.key()).startsWith("kafka_dlt"))
				.noneSatisfy((header) -> assertThat(header.key()).isEqualTo(PipelineHeaders.DEAD_LETTER_REASON));
		});
	}

	@Test
	void refusesUndecodableDeadLettersAndThenReDrivesNothing() {
		Map<TopicPartition, Long> before = endOffsets(placed);

		Run chosen = run("dead-letters", "redrive", "--topic=" + placedDlt,
				"--offsets=" + create.offsets() + "," + poison.offsets());
		Run all = run("dead-letters", "redrive", "--topic=" + placedDlt, "--all");
		Run unknown = run("dead-letters", "redrive", "--topic=" + placedDlt, "--offsets=" + unknownType.offsets());

		assertThat(chosen.status()).isEqualTo(3);
		assertThat(chosen.err())
			.contains("event-tail: " + poison.deadLetter
					+ ": refused, it still does not decode under the current schemas: NOT_SINGLE_OBJECT_ENCODED")
			.contains("nothing was re-driven")
			.doesNotContain(create.deadLetter.toString());
		assertThat(all.status()).isEqualTo(3);
		assertThat(all.err()).contains(poison.deadLetter.toString()).contains(unknownType.deadLetter.toString());
		assertThat(unknown.status()).isEqualTo(3);
		assertThat(unknown.err()).contains("its type reads as UNKNOWN");
		assertThat(chosen.out() + all.out() + unknown.out()).isEmpty();
		assertThat(endOffsets(placed)).as("nothing published").isEqualTo(before);
	}

	@Test
	void reDrivesTheOthersWhenAskedToSkipTheRefused() {
		Map<TopicPartition, Long> before = endOffsets(placed);

		Run run = run("dead-letters", "redrive", "--topic=" + placedDlt, "--all", "--skip-refused");

		assertThat(run.status()).as(run.err()).isZero();
		assertThat(run.err()).contains("skipping " + poison.deadLetter + ": refused")
			.contains("skipping " + unknownType.deadLetter + ": refused")
			.contains("re-drove 2 record(s) from " + placedDlt + " to " + placed);
		assertThat(readNew(placed, before)).extracting(ConsumerRecord::key)
			.containsExactlyInAnyOrder(update.key, create.key);
	}

	@Test
	void reDrivesAnUndecodableDeadLetterOnlyWhenForced() {
		Map<TopicPartition, Long> before = endOffsets(placed);

		Run run = run("dead-letters", "redrive", "--topic=" + placedDlt, "--offsets=" + poison.offsets(), "--force");

		assertThat(run.status()).as(run.err()).isZero();
		assertThat(readNew(placed, before)).singleElement().satisfies((record) -> {
			assertThat(record.key()).isEqualTo(poison.key);
			assertThat(record.value()).isEqualTo(poison.value);
			assertThat(record.headers().lastHeader(SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER)).isNull();
		});
	}

	@Test
	void aDryRunPublishesNothing() {
		Map<TopicPartition, Long> before = endOffsets(placed);

		Run run = run("dead-letters", "redrive", "--topic=" + placedDlt, "--offsets=" + create.offsets(), "--dry-run",
				"--format=text");

		assertThat(run.status()).as(run.err()).isZero();
		assertThat(run.out())
			.startsWith("would re-drive " + create.deadLetter + " -> " + placed + " key " + create.key);
		assertThat(run.err()).contains("dry run: 1 record(s) would be re-driven; nothing was");
		assertThat(endOffsets(placed)).isEqualTo(before);
	}

	@Test
	void refusesOffsetsThatAreNotThere() {
		Run run = run("dead-letters", "redrive", "--topic=" + placedDlt, "--offsets=" + update.offsets() + ",0:99999");

		assertThat(run.status()).isEqualTo(3);
		assertThat(run.err()).contains(placedDlt + "-0@99999: no such record; partition 0 holds offsets")
			.contains("nothing was re-driven");
	}

	@Test
	void listsAnEmptyDeadLetterTopicAsNothingAndAMissingOneAsAnError() {
		Run empty = run("dead-letters", "list", "--topic=" + statusDlt);
		Run missing = run("dead-letters", "list", "--topic=no.such.dlt");

		assertThat(empty.status()).as(empty.err()).isZero();
		assertThat(empty.out()).isEmpty();
		assertThat(missing.status()).isEqualTo(1);
		assertThat(missing.err()).contains("cannot read no.such.dlt from " + bootstrapServers)
			.contains("topic 'no.such.dlt' does not exist");
	}

	// --- helpers

	private static Run run(String... args) {
		List<String> all = new ArrayList<>(List.of(args));
		all.add("--bootstrap-servers=" + bootstrapServers);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int status = EventTail.run(all, new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8));
		return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

	private static Map<TopicPartition, Long> endOffsets(String topic) {
		try (KafkaConsumer<String, byte[]> consumer = consumer()) {
			List<TopicPartition> partitions = consumer.partitionsFor(topic)
				.stream()
				.map((info) -> new TopicPartition(topic, info.partition()))
				.toList();
			return new HashMap<>(consumer.endOffsets(partitions));
		}
	}

	/** The records of a topic after the given offsets (from the beginning without). */
	private static List<ConsumerRecord<String, byte[]>> readNew(String topic, Map<TopicPartition, Long> after) {
		List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
		try (KafkaConsumer<String, byte[]> consumer = consumer()) {
			List<TopicPartition> partitions = consumer.partitionsFor(topic)
				.stream()
				.map((info) -> new TopicPartition(topic, info.partition()))
				.toList();
			consumer.assign(partitions);
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
			for (TopicPartition partition : partitions) {
				consumer.seek(partition, after.getOrDefault(partition, 0L));
			}
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (partitions.stream().anyMatch((partition) -> consumer.position(partition) < ends.get(partition))
					&& System.nanoTime() < deadline) {
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
			}
		}
		return records;
	}

	private static KafkaConsumer<String, byte[]> consumer() {
		return new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
						ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
				new StringDeserializer(), new ByteArrayDeserializer());
	}

	/**
	 * A record on its way: its source record and, once dead-lettered, its dead letter.
	 */
	static final class Letter {

		final String key;

		final byte[] value;

		final String traceparent;

		RecordPosition source;

		RecordPosition deadLetter;

		private Letter(String key, byte[] value, String traceparent) {
			this.key = key;
			this.value = value;
			this.traceparent = traceparent;
		}

		static Letter source(String key, byte[] value, String traceparent) {
			return new Letter(key, value, traceparent);
		}

		ProducerRecord<String, byte[]> toSend(String topic) {
			ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, this.key, this.value);
			if (this.traceparent != null) {
				record.headers()
					.add(new RecordHeader(PipelineHeaders.TRACEPARENT,
							this.traceparent.getBytes(StandardCharsets.US_ASCII)));
			}
			return record;
		}

		/** {@code partition:offset} of the dead letter, as {@code --offsets} takes it. */
		String offsets() {
			return this.deadLetter.partition() + ":" + this.deadLetter.offset();
		}

	}

	record Run(int status, String out, String err) {

		List<String> lines() {
			return this.out.lines().toList();
		}

		String lineOf(Letter letter) {
			return lines().stream()
				.filter((line) -> line.contains("\"offset\":" + letter.deadLetter.offset() + ",")
						&& line.contains("\"partition\":" + letter.deadLetter.partition() + ",")
						&& line.contains("\"key\":\"" + letter.key + "\""))
				.findFirst()
				.orElseThrow(() -> new AssertionError("no line for " + letter.deadLetter + " in\n" + this.out));
		}

	}

}
