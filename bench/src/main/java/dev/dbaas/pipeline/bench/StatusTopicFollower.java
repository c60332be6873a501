package dev.dbaas.pipeline.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.dbaas.pipeline.events.OrderStatusChanged;
import dev.dbaas.pipeline.schemas.EventDecodingException;
import dev.dbaas.pipeline.schemas.OrderStatusChangedDeserializer;
import dev.dbaas.pipeline.schemas.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Learns every order's end from {@code dbaas.order.status.v1} for the sample follow mode
 * ({@code --follow=sample}): a consumer of its own, without a consumer group (it assigns
 * itself every partition from the end, commits nothing and so adds no group lag to the
 * backlog), decodes each status event with the project's
 * {@link OrderStatusChangedDeserializer} and hands the terminal ones (DONE, FAILED,
 * CANCELLED) to {@link OrderEnds}. Only the order id and the status are read; the
 * credentials a DONE event may carry are never looked at. A record that does not decode
 * is counted and skipped.
 *
 * <p>
 * Thread-safe: one daemon thread polls; {@link #close()} stops it.
 */
final class StatusTopicFollower implements AutoCloseable {

	private static final Set<String> TERMINAL = Set.of("DONE", "FAILED", "CANCELLED");

	private final OrderEnds ends = new OrderEnds();

	private final KafkaConsumer<byte[], byte[]> consumer;

	private final OrderStatusChangedDeserializer events = new OrderStatusChangedDeserializer();

	private final Thread poller;

	private final CountDownLatch positioned = new CountDownLatch(1);

	private final AtomicLong undecodable = new AtomicLong();

	private volatile boolean running = true;

	/**
	 * Starts reading the status topic at its end; returns once the consumer knows where
	 * that end is, so that no event of an order placed afterwards is missed.
	 * @param bootstrapServers Kafka of the stack
	 * @throws IllegalStateException if the topic's end is not known within 30 s
	 */
	StatusTopicFollower(String bootstrapServers) throws InterruptedException {
		this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ConsumerConfig.CLIENT_ID_CONFIG, "bench-status-follower", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
				false, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest", ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
				2_000), new ByteArrayDeserializer(), new ByteArrayDeserializer());
		this.poller = new Thread(this::poll, "bench-status-topic");
		this.poller.setDaemon(true);
		this.poller.start();
		if (!this.positioned.await(30, TimeUnit.SECONDS)) {
			close();
			throw new IllegalStateException("the end of " + Topics.ORDER_STATUS.name() + " not known within 30 s");
		}
	}

	/**
	 * Follows an accepted order to its end.
	 * @param phase the order's phase: counted as following it, finished once it ends
	 * @param trace the order
	 */
	void track(Phase phase, OrderTrace trace) {
		this.ends.track(phase, trace);
	}

	/**
	 * Counts the orders of a closed phase that have not ended as unfinished.
	 * @param phase the phase
	 */
	void abandon(Phase phase) {
		this.ends.abandon(phase);
	}

	/**
	 * Status records that did not decode as an {@code OrderStatusChanged}.
	 * @return the count so far
	 */
	long undecodable() {
		return this.undecodable.get();
	}

	private void poll() {
		try {
			List<TopicPartition> partitions = this.consumer.partitionsFor(Topics.ORDER_STATUS.name())
				.stream()
				.map((info) -> new TopicPartition(info.topic(), info.partition()))
				.toList();
			this.consumer.assign(partitions);
			this.consumer.seekToEnd(partitions);
			partitions.forEach(this.consumer::position);
			this.positioned.countDown();
			long nextSweep = System.nanoTime();
			while (this.running) {
				for (ConsumerRecord<byte[], byte[]> record : this.consumer.poll(Duration.ofMillis(200))) {
					read(record);
				}
				long now = System.nanoTime();
				if (now >= nextSweep) {
					this.ends.sweep(now);
					nextSweep = now + TimeUnit.SECONDS.toNanos(10);
				}
			}
		}
		catch (WakeupException ex) {
			// closing
		}
		finally {
			this.consumer.close(Duration.ofSeconds(5));
		}
	}

	private void read(ConsumerRecord<byte[], byte[]> record) {
		OrderStatusChanged event;
		try {
			event = this.events.deserialize(record.topic(), record.value());
		}
		catch (EventDecodingException ex) {
			this.undecodable.incrementAndGet();
			return;
		}
		String status = event.getStatus().name();
		if (TERMINAL.contains(status)) {
			this.ends.ended(event.getOrderId(), status, System.nanoTime());
		}
	}

	@Override
	public void close() {
		this.running = false;
		this.consumer.wakeup();
		try {
			this.poller.join(TimeUnit.SECONDS.toMillis(10));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
