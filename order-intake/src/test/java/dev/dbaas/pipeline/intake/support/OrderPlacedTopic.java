package dev.dbaas.pipeline.intake.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.dbaas.pipeline.events.OrderPlaced;
import dev.dbaas.pipeline.schemas.OrderPlacedDeserializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads every record of the order-placed topic from the beginning, for assertions. Not
 * thread-safe: poll from the test thread.
 */
public final class OrderPlacedTopic implements AutoCloseable {

	private final KafkaConsumer<String, OrderPlaced> consumer;

	private final List<ConsumerRecord<String, OrderPlaced>> records = new CopyOnWriteArrayList<>();

	public OrderPlacedTopic(String bootstrapServers, String topic) {
		this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
				StringDeserializer.class, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
				OrderPlacedDeserializer.class));
		List<TopicPartition> partitions = new ArrayList<>();
		this.consumer.partitionsFor(topic, Duration.ofSeconds(30))
			.forEach((info) -> partitions.add(new TopicPartition(topic, info.partition())));
		this.consumer.assign(partitions);
		this.consumer.seekToBeginning(partitions);
	}

	/**
	 * Polls once and returns everything read so far.
	 * @return the records
	 */
	public List<ConsumerRecord<String, OrderPlaced>> poll() {
		this.consumer.poll(Duration.ofMillis(200)).forEach(this.records::add);
		return List.copyOf(this.records);
	}

	public List<ConsumerRecord<String, OrderPlaced>> recordsFor(String orderId) {
		return poll().stream().filter((record) -> orderId.equals(record.key())).toList();
	}

	@Override
	public void close() {
		this.consumer.close(Duration.ofSeconds(5));
	}

}
