package dev.dbaas.pipeline.provisioner.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import dev.dbaas.pipeline.events.OrderPlaced;
import dev.dbaas.pipeline.provisioner.provisioning.messaging.RecordValueSerializer;
import dev.dbaas.pipeline.testkit.PipelineEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Produces {@code OrderPlaced} events (and poison bytes) to a test class's order topic,
 * keyed by order id.
 */
public final class OrderTopic implements AutoCloseable {

	private final KafkaProducer<String, Object> producer;

	private final String topic;

	public OrderTopic(PipelineEnvironment env) {
		this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, env.bootstrapServers(),
				ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
				ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, RecordValueSerializer.class));
		this.topic = env.orderPlaced().name();
	}

	/**
	 * Sends orders and waits until the broker has them.
	 * @param orders the orders
	 */
	public void place(OrderPlaced... orders) {
		place(List.of(orders));
	}

	/**
	 * Sends orders and waits until the broker has them.
	 * @param orders the orders
	 */
	public void place(List<OrderPlaced> orders) {
		List<Future<RecordMetadata>> sent = new ArrayList<>();
		for (OrderPlaced order : orders) {
			sent.add(this.producer.send(new ProducerRecord<>(this.topic, order.getOrderId(), order)));
		}
		sent.forEach(OrderTopic::await);
	}

	/**
	 * Sends bytes that are no {@code OrderPlaced} to a partition.
	 * @param partition the partition
	 * @param key the record key
	 * @param bytes the value
	 */
	public void sendRaw(int partition, String key, byte[] bytes) {
		await(this.producer.send(new ProducerRecord<>(this.topic, partition, key, bytes)));
	}

	/**
	 * Sends an order to a given partition.
	 * @param partition the partition
	 * @param order the order
	 */
	public void place(int partition, OrderPlaced order) {
		await(this.producer.send(new ProducerRecord<>(this.topic, partition, order.getOrderId(), order)));
	}

	private static void await(Future<RecordMetadata> send) {
		try {
			send.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("broker did not take the record", ex);
		}
	}

	@Override
	public void close() {
		this.producer.close();
	}

}
