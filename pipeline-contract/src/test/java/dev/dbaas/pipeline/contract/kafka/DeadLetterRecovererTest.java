package dev.dbaas.pipeline.contract.kafka;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import dev.dbaas.pipeline.schemas.EventDecodingException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.mock.MockProducerFactory;
import org.springframework.kafka.support.serializer.SerializationUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The recoverer's decisions against spring-kafka's mock producer; every consumer's
 * integration test shows the same on a real broker.
 */
class DeadLetterRecovererTest {

	private static final PipelineTopics TOPICS = new PipelineTopics("placed", "status", "placed.dlt", "status.dlt");

	private final Node node = new Node(0, "localhost", 9092);

	private final MockProducer<String, byte[]> producer = new MockProducer<>(
			new Cluster("test", List.of(this.node),
					List.of(partition("placed.dlt", 0), partition("placed.dlt", 1), partition("placed.dlt", 2),
							partition("placed.dlt", 3), partition("status.dlt", 0)),
					Set.of(), Set.of()),
			true, null, new StringSerializer(), new ByteArraySerializer());

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final DeadLetterRecoverer recoverer = new DeadLetterRecoverer(
			new KafkaTemplate<>(new MockProducerFactory<>(() -> this.producer)), TOPICS, this.meters, "placed",
			"status");

	@Test
	void registersTheCounterOfEveryConsumedTopicAtZero() {
		assertThat(this.meters.get(DeadLetterRecoverer.COUNTER).tag("topic", "placed").counter().count()).isZero();
		assertThat(this.meters.get(DeadLetterRecoverer.COUNTER).tag("topic", "status").counter().count()).isZero();
	}

	@Test
	void sendsTheOriginalBytesToTheDeadLetterTopicOnTheSamePartitionWithTheInnermostCauseAsReason() {
		byte[] poison = "not avro".getBytes(StandardCharsets.UTF_8);
		ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("placed", 3, 42L, "order-key", poison);
		Exception failure = new ListenerExecutionFailedException("Listener failed",
				new IllegalStateException("failed to deserialize", new EventDecodingException(
						EventDecodingException.Reason.NOT_SINGLE_OBJECT_ENCODED, "no marker", null)));

		this.recoverer.accept(record, failure);

		assertThat(this.producer.history()).singleElement().satisfies((sent) -> {
			assertThat(sent.topic()).isEqualTo("placed.dlt");
			assertThat(sent.partition()).isEqualTo(3);
			assertThat(sent.key()).isEqualTo("order-key");
			assertThat(sent.value()).isEqualTo(poison);
			assertThat(PipelineHeaders.lastValue(sent.headers(), PipelineHeaders.DEAD_LETTER_REASON))
				.isEqualTo("NOT_SINGLE_OBJECT_ENCODED: no marker");
			assertThat(PipelineHeaders.lastValue(sent.headers(), "kafka_dlt-original-topic")).isEqualTo("placed");
		});
		assertThat(this.meters.get(DeadLetterRecoverer.COUNTER).tag("topic", "placed").counter().count()).isEqualTo(1);
		assertThat(this.meters.get(DeadLetterRecoverer.COUNTER).tag("topic", "status").counter().count()).isZero();
	}

	@Test
	void takesTheReasonOfAnUndecodableRecordFromTheDeserializerEvenWhenABatchListenerGivesItsOwn() {
		byte[] poison = "not avro".getBytes(StandardCharsets.UTF_8);
		ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("status", 0, 7L, "k", null);
		// What ErrorHandlingDeserializer does with a value it cannot decode.
		SerializationUtils.deserializationException(record.headers(), poison,
				new EventDecodingException(EventDecodingException.Reason.NOT_SINGLE_OBJECT_ENCODED, "no marker", null),
				false);

		this.recoverer.accept(record, new IllegalArgumentException("value does not deserialize"));

		ProducerRecord<String, byte[]> sent = this.producer.history().get(0);
		assertThat(sent.value()).isEqualTo(poison);
		assertThat(PipelineHeaders.lastValue(sent.headers(), PipelineHeaders.DEAD_LETTER_REASON))
			.isEqualTo("NOT_SINGLE_OBJECT_ENCODED: no marker");
	}

	@Test
	void namesTheCauseByItsClassWhenItHasNoMessage() {
		this.recoverer.accept(new ConsumerRecord<>("status", 0, 1L, "k", new byte[0]),
				new RuntimeException("outer", new NullPointerException()));

		ProducerRecord<String, byte[]> sent = this.producer.history().get(0);
		assertThat(sent.topic()).isEqualTo("status.dlt");
		assertThat(PipelineHeaders.lastValue(sent.headers(), PipelineHeaders.DEAD_LETTER_REASON))
			.isEqualTo(NullPointerException.class.getName());
	}

	private PartitionInfo partition(String topic, int partition) {
		Node[] nodes = { this.node };
		return new PartitionInfo(topic, partition, this.node, nodes, nodes);
	}

}
