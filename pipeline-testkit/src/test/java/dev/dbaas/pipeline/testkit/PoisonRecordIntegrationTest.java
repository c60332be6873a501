package dev.dbaas.pipeline.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.dbaas.pipeline.events.OrderPlaced;
import dev.dbaas.pipeline.schemas.OrderPlacedDeserializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.kafka.support.serializer.SerializationUtils;

import static dev.dbaas.pipeline.testkit.EventChainIntegrationTest.anOrderPlaced;
import static dev.dbaas.pipeline.testkit.EventChainIntegrationTest.consumerProps;
import static dev.dbaas.pipeline.testkit.EventChainIntegrationTest.producer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With spring-kafka's {@code ErrorHandlingDeserializer} around the Avro deserializer, a
 * poison record does not stop the consumer: it arrives as an error, and the next record
 * decodes.
 */
@RealInfrastructure
class PoisonRecordIntegrationTest {

	@Test
	void poisonRecordIsHandedOverAsErrorAndTheNextRecordStillDecodes(PipelineEnvironment env) {
		OrderPlaced event = anOrderPlaced();
		try (KafkaProducer<String, Object> producer = producer(env)) {
			producer.send(new ProducerRecord<>(env.orderPlaced().name(), 0, "poison",
					"not avro".getBytes(StandardCharsets.UTF_8)));
			producer.send(new ProducerRecord<>(env.orderPlaced().name(), 0, event.getOrderId(), event));
		}

		Map<String, Object> props = consumerProps(env);
		props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ErrorHandlingDeserializer.class);
		props.put(ErrorHandlingDeserializer.VALUE_DESERIALIZER_CLASS, OrderPlacedDeserializer.class);
		List<ConsumerRecord<String, Object>> records = new ArrayList<>();
		try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(props)) {
			consumer.subscribe(List.of(env.orderPlaced().name()));
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (System.nanoTime() < deadline && records.stream().noneMatch((r) -> r.value() != null)) {
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
			}
		}

		ConsumerRecord<String, Object> poison = records.stream()
			.filter((r) -> "poison".equals(r.key()))
			.findFirst()
			.orElseThrow();
		assertThat(poison.value()).isNull();
		assertThat(poison.headers().lastHeader(SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER))
			.as("exception header that a DeadLetterPublishingRecoverer forwards")
			.isNotNull();
		assertThat(records).anySatisfy((r) -> assertThat(r.value()).isEqualTo(event));
	}

}
