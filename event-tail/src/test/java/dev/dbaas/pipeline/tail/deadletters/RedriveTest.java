package dev.dbaas.pipeline.tail.deadletters;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.dbaas.pipeline.contract.kafka.PipelineHeaders;
import dev.dbaas.pipeline.tail.KafkaClientSettings;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.support.KafkaHeaders;

import static org.assertj.core.api.Assertions.assertThat;

class RedriveTest {

	static final Instant NOW = Instant.parse("2026-11-26T09:00:00Z");

	final MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(),
			new ByteArraySerializer());

	final Redrive redrive = new Redrive(this.producer, Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void readsTheRecoverersHeaders() {
		DeadLetter letter = deadLetter("value".getBytes(StandardCharsets.UTF_8));

		assertThat(letter.position()).isEqualTo(new RecordPosition("placed.dlt", 3, 12));
		assertThat(letter.source()).isEqualTo(new SourcePosition(new RecordPosition("placed", 3, 42),
				Instant.parse("2026-11-25T15:37:26Z"), "provisioner"));
		assertThat(letter.reason()).isEqualTo("rule 7: instance db-1 is not known yet");
		assertThat(letter.exceptionClass())
			.isEqualTo("org.springframework.kafka.listener.ListenerExecutionFailedException");
	}

	@Test
	void reDrivesToTheSourceTopicWithTheSameKeyAndBytesAndSaysFromWhere() {
		byte[] value = "the original bytes".getBytes(StandardCharsets.UTF_8);

		List<RecordPosition> written = this.redrive.publish(List.of(deadLetter(value)));

		assertThat(written).singleElement().satisfies((position) -> assertThat(position.topic()).isEqualTo("placed"));
		ProducerRecord<String, byte[]> sent = this.producer.history().get(0);
		assertThat(sent.topic()).isEqualTo("placed");
		assertThat(sent.partition()).as("the key picks the partition").isNull();
		assertThat(sent.key()).isEqualTo("o-1");
		assertThat(sent.value()).isSameAs(value);
		assertThat(sent.headers().toArray()).extracting(Header::key)
			.containsExactly(PipelineHeaders.TRACEPARENT, PipelineHeaders.EVENT_ID, Redrive.REDRIVEN_FROM,
					Redrive.REDRIVEN_AT);
		assertThat(PipelineHeaders.lastValue(sent.headers(), Redrive.REDRIVEN_FROM)).isEqualTo("placed.dlt-3@12");
		assertThat(PipelineHeaders.lastValue(sent.headers(), Redrive.REDRIVEN_AT)).isEqualTo("2026-11-26T09:00:00Z");
	}

	@Test
	void refusesWhatDoesNotDecodeUnlessForcedAndWhatHasNoSourceAlways() {
		DeadLetter letter = deadLetter(new byte[] { 1, 2 });
		DeadLetter sourceless = new DeadLetter(letter.position(), null, "o-1", new byte[] { 1 }, List.of(), null, null,
				null, null);
		Payload undecodable = new Payload.Undecodable("NOT_SINGLE_OBJECT_ENCODED",
				"NOT_SINGLE_OBJECT_ENCODED: no marker");

		assertThat(Redrive.refusalOf(letter, undecodable, false))
			.isEqualTo("it still does not decode under the current schemas: NOT_SINGLE_OBJECT_ENCODED: no marker");
		assertThat(Redrive.refusalOf(letter, undecodable, true)).isNull();
		assertThat(Redrive.refusalOf(sourceless, undecodable, true)).startsWith("it has no kafka_dlt-original-topic");
	}

	@Test
	void publishesWithAnIdempotentProducerThatWaitsForEveryReplica() {
		Map<String, Object> properties = Redrive.producerProperties(KafkaClientSettings.plaintext("kafka:9092"));

		assertThat(properties).containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
			.containsEntry(ProducerConfig.ACKS_CONFIG, "all")
			.containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "kafka:9092");
	}

	/** A dead letter as DeadLetterRecoverer writes it, re-driven once before. */
	private static DeadLetter deadLetter(byte[] value) {
		RecordHeaders headers = new RecordHeaders();
		headers.add(PipelineHeaders.TRACEPARENT,
				"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01".getBytes(StandardCharsets.US_ASCII));
		headers.add(PipelineHeaders.EVENT_ID, "e-1".getBytes(StandardCharsets.UTF_8));
		headers.add(Redrive.REDRIVEN_FROM, "placed.dlt-3@2".getBytes(StandardCharsets.UTF_8));
		headers.add(KafkaHeaders.DLT_ORIGINAL_TOPIC, "placed".getBytes(StandardCharsets.UTF_8));
		headers.add(KafkaHeaders.DLT_ORIGINAL_PARTITION, ByteBuffer.allocate(4).putInt(3).array());
		headers.add(KafkaHeaders.DLT_ORIGINAL_OFFSET, ByteBuffer.allocate(8).putLong(42).array());
		headers.add(KafkaHeaders.DLT_ORIGINAL_TIMESTAMP,
				ByteBuffer.allocate(8).putLong(Instant.parse("2026-11-25T15:37:26Z").toEpochMilli()).array());
		headers.add(KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP, "provisioner".getBytes(StandardCharsets.UTF_8));
		headers.add(KafkaHeaders.DLT_EXCEPTION_FQCN,
				"org.springframework.kafka.listener.ListenerExecutionFailedException".getBytes(StandardCharsets.UTF_8));
		headers.add(PipelineHeaders.DEAD_LETTER_REASON,
				"rule 7: instance db-1 is not known yet".getBytes(StandardCharsets.UTF_8));
		headers.add("springDeserializerExceptionValue", new byte[] { 1 });
		return DeadLetter.of(new ConsumerRecord<>("placed.dlt", 3, 12, NOW.toEpochMilli(), TimestampType.CREATE_TIME, 0,
				value.length, "o-1", value, headers, Optional.empty()));
	}

}
