package dev.dbaas.pipeline.localinfra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.dbaas.pipeline.schemas.TopicSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A broker restarted on the same log directory keeps its topics and records: what the
 * local launcher's {@code --data-dir} relies on.
 */
class KraftBrokerRestartIntegrationTest {

	@Test
	void keepsTopicsAndRecordsAcrossARestartOnTheSameDirectory(@TempDir Path dir) throws Exception {
		TopicSpec topic = new TopicSpec("restart.check", 2, "k", "v");
		KraftBroker broker = KraftBroker.create(dir.resolve("kafka"), 0, Map.of()).start();
		try {
			broker.createTopics(List.of(topic));
			try (KafkaProducer<String, String> producer = new KafkaProducer<>(
					Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
							ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
							ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
				producer.send(new ProducerRecord<>(topic.name(), "k", "before restart")).get();
			}
			broker.stop();
			assertThat(Files.exists(dir.resolve("kafka").resolve("meta.properties"))).isTrue();

			broker.start();

			assertThat(readAll(broker, topic)).containsExactly("before restart");
		}
		finally {
			broker.stop();
		}
	}

	private static List<String> readAll(KraftBroker broker, TopicSpec topic) {
		List<String> values = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
						ConsumerConfig.GROUP_ID_CONFIG, "restart-check", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
						"earliest", ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
						ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
			consumer.subscribe(List.of(topic.name()));
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (values.isEmpty() && System.nanoTime() < deadline) {
				consumer.poll(Duration.ofMillis(200)).forEach((record) -> values.add(record.value()));
			}
		}
		return values;
	}

}
