package dev.dbaas.pipeline.provisioner.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.dbaas.pipeline.events.OrderStatus;
import dev.dbaas.pipeline.events.OrderStatusChanged;
import dev.dbaas.pipeline.schemas.OrderStatusChangedDeserializer;
import dev.dbaas.pipeline.testkit.PipelineEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import static org.awaitility.Awaitility.await;

/**
 * Follows a test class's status topic from the beginning, decoding with
 * {@link OrderStatusChangedDeserializer}, and keeps every event by order id in arrival
 * order. Also follows the dead-letter topic of the order topic.
 */
public final class StatusTopic implements AutoCloseable {

	private final Map<String, List<OrderStatusChanged>> byOrder = new ConcurrentHashMap<>();

	private final List<ConsumerRecord<String, byte[]>> deadLetters = new CopyOnWriteArrayList<>();

	private final KafkaConsumer<String, byte[]> consumer;

	private final OrderStatusChangedDeserializer decoder = new OrderStatusChangedDeserializer();

	private final String statusTopic;

	private final Thread poller;

	private volatile boolean open = true;

	public StatusTopic(PipelineEnvironment env) {
		this.statusTopic = env.orderStatus().name();
		this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, env.bootstrapServers(),
				ConsumerConfig.GROUP_ID_CONFIG, "status-follower-" + UUID.randomUUID(),
				ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
				StringDeserializer.class, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
		this.consumer.subscribe(List.of(this.statusTopic, env.orderPlacedDlt().name()));
		this.poller = new Thread(this::poll, "status-topic-follower");
		this.poller.setDaemon(true);
		this.poller.start();
	}

	private void poll() {
		try {
			while (this.open) {
				for (ConsumerRecord<String, byte[]> record : this.consumer.poll(Duration.ofMillis(100))) {
					if (record.topic().equals(this.statusTopic)) {
						OrderStatusChanged event = this.decoder.deserialize(record.topic(), record.value());
						this.byOrder.computeIfAbsent(event.getOrderId(), (id) -> new CopyOnWriteArrayList<>())
							.add(event);
					}
					else {
						this.deadLetters.add(record);
					}
				}
			}
		}
		catch (WakeupException ex) {
			// closing
		}
		finally {
			this.consumer.close(Duration.ofSeconds(2));
		}
	}

	/**
	 * Every status event of an order so far, in arrival order (duplicates included).
	 * @param orderId the order
	 * @return the events
	 */
	public List<OrderStatusChanged> eventsOf(String orderId) {
		return List.copyOf(this.byOrder.getOrDefault(orderId, List.of()));
	}

	/**
	 * The distinct terminal (DONE, FAILED or CANCELLED) events of an order, by sequence.
	 * @param orderId the order
	 * @return distinct terminal events
	 */
	public List<OrderStatusChanged> terminalEventsOf(String orderId) {
		Map<Long, OrderStatusChanged> distinct = new ConcurrentHashMap<>();
		for (OrderStatusChanged event : eventsOf(orderId)) {
			if (isTerminal(event)) {
				distinct.putIfAbsent(event.getSequence(), event);
			}
		}
		return new ArrayList<>(distinct.values());
	}

	/**
	 * Waits until an order has a terminal event, and returns it.
	 * @param orderId the order
	 * @param timeout how long to wait
	 * @return the terminal event
	 */
	public OrderStatusChanged awaitTerminal(String orderId, Duration timeout) {
		await().atMost(timeout).until(() -> !terminalEventsOf(orderId).isEmpty());
		return terminalEventsOf(orderId).get(0);
	}

	/**
	 * Waits until every order has a terminal event.
	 * @param orderIds the orders
	 * @param timeout how long to wait
	 */
	public void awaitAllTerminal(Collection<String> orderIds, Duration timeout) {
		await().atMost(timeout)
			.pollInterval(Duration.ofMillis(200))
			.until(() -> orderIds.stream().allMatch((id) -> !terminalEventsOf(id).isEmpty()));
	}

	/**
	 * Records that arrived on the order topic's dead-letter topic.
	 * @return the dead letters
	 */
	public List<ConsumerRecord<String, byte[]>> deadLetters() {
		return List.copyOf(this.deadLetters);
	}

	private static boolean isTerminal(OrderStatusChanged event) {
		return event.getStatus() == OrderStatus.DONE || event.getStatus() == OrderStatus.FAILED
				|| event.getStatus() == OrderStatus.CANCELLED;
	}

	@Override
	public void close() throws InterruptedException {
		this.open = false;
		this.consumer.wakeup();
		this.poller.join(5_000);
	}

}
