package dev.dbaas.pipeline.tail;

import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.dbaas.pipeline.events.OrderStatusChanged;
import dev.dbaas.pipeline.schemas.EventDecodingException;
import dev.dbaas.pipeline.schemas.OrderStatusChangedDeserializer;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jspecify.annotations.Nullable;

/**
 * Reads every partition of the status topic from the chosen position and prints the
 * events that pass the filter, one line each (JSON or text), in order per partition (so
 * per order).
 *
 * <p>
 * The tail is a bystander: it assigns the partitions itself, has no consumer group and
 * commits nothing, so it never takes records away from the services or moves their
 * offsets. Values are decoded here rather than by the consumer, so that a record that
 * does not decode becomes an error line instead of stopping the tail.
 *
 * <p>
 * Not thread-safe, except {@link #stop()}, which any thread may call.
 */
public final class StatusTopicTail implements AutoCloseable {

	private static final Duration POLL_TIMEOUT = Duration.ofMillis(250);

	private final Consumer<String, byte[]> consumer;

	private final TailOptions options;

	private final OrderStatusChangedDeserializer decoder = new OrderStatusChangedDeserializer();

	private final EventLines lines;

	private volatile boolean stopped;

	StatusTopicTail(Consumer<String, byte[]> consumer, TailOptions options) {
		this.consumer = consumer;
		this.options = options;
		this.lines = EventLines.of(options.format());
	}

	/**
	 * Creates a tail with its own Kafka consumer. Nothing is read before
	 * {@link #printTo(PrintStream)}.
	 * @param options what to read and print
	 * @return the tail; close it
	 */
	public static StatusTopicTail connect(TailOptions options) {
		return new StatusTopicTail(new KafkaConsumer<>(consumerProperties(options)), options);
	}

	static Map<String, Object> consumerProperties(TailOptions options) {
		Map<String, Object> properties = options.kafka().clientProperties();
		properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "event-tail");
		properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		properties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
		properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		// An unreachable broker fails the first metadata request after this, with a clear
		// message, instead of the default minute.
		properties.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
		return properties;
	}

	/**
	 * Prints events until {@link #stop()} is called, or, without {@code --follow}, until
	 * the end that each partition had when the tail started. Flushes after each batch so
	 * that a pipe sees every line at once.
	 * @param out where the JSON lines go; the tail stops when it reports an error (e.g.
	 * the reading end of a pipe went away)
	 * @return how many lines were printed
	 * @throws TopicNotFound if the topic does not exist
	 * @throws org.apache.kafka.common.KafkaException if Kafka cannot be read
	 */
	public long printTo(PrintStream out) {
		List<TopicPartition> partitions = partitions();
		this.consumer.assign(partitions);
		seek(partitions);
		Map<TopicPartition, Long> ends = this.options.follow() ? Map.of() : this.consumer.endOffsets(partitions);
		long printed = 0;
		try {
			while (!this.stopped && (this.options.follow() || !reached(ends))) {
				for (ConsumerRecord<String, byte[]> record : this.consumer.poll(POLL_TIMEOUT)) {
					Long end = ends.get(new TopicPartition(record.topic(), record.partition()));
					if (end != null && record.offset() >= end) {
						continue;
					}
					String line = render(record);
					if (line != null) {
						out.println(line);
						printed++;
					}
				}
				out.flush();
				if (out.checkError()) {
					break;
				}
			}
		}
		catch (WakeupException ex) {
			// stop() was called
		}
		return printed;
	}

	/**
	 * Makes {@link #printTo(PrintStream)} return soon. Safe to call from any thread, e.g.
	 * a shutdown hook.
	 */
	public void stop() {
		this.stopped = true;
		this.consumer.wakeup();
	}

	@Override
	public void close() {
		this.consumer.close(Duration.ofSeconds(5));
	}

	private List<TopicPartition> partitions() {
		List<PartitionInfo> infos = this.consumer.partitionsFor(this.options.topic());
		if (infos == null || infos.isEmpty()) {
			throw new TopicNotFound(this.options.topic(), this.options.bootstrapServers());
		}
		return infos.stream().map((info) -> new TopicPartition(info.topic(), info.partition())).toList();
	}

	/**
	 * Seeks to explicit offsets, not lazily to "the end", so that a record written right
	 * after the tail started is printed, not skipped.
	 */
	private void seek(List<TopicPartition> partitions) {
		StartPosition from = this.options.from();
		if (from instanceof StartPosition.Beginning) {
			this.consumer.seekToBeginning(partitions);
			return;
		}
		Map<TopicPartition, Long> ends = this.consumer.endOffsets(partitions);
		Map<TopicPartition, OffsetAndTimestamp> offsets = Map.of();
		if (from instanceof StartPosition.At at) {
			Map<TopicPartition, Long> times = new HashMap<>();
			partitions.forEach((partition) -> times.put(partition, at.time().toEpochMilli()));
			offsets = this.consumer.offsetsForTimes(times);
		}
		for (TopicPartition partition : partitions) {
			OffsetAndTimestamp offset = offsets.get(partition);
			this.consumer.seek(partition, (offset != null) ? offset.offset() : ends.get(partition));
		}
	}

	private boolean reached(Map<TopicPartition, Long> ends) {
		for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
			if (this.consumer.position(end.getKey()) < end.getValue()) {
				return false;
			}
		}
		return true;
	}

	private @Nullable String render(ConsumerRecord<String, byte[]> record) {
		OrderStatusChanged event;
		try {
			event = this.decoder.deserialize(record.topic(), record.value());
		}
		catch (EventDecodingException ex) {
			return this.options.filter().admitsUndecodable(record.key())
					? this.lines.undecodable(record, ex.reason().name(), ex.getMessage()) : null;
		}
		return this.options.filter().matches(event) ? this.lines.event(record, event) : null;
	}

}
