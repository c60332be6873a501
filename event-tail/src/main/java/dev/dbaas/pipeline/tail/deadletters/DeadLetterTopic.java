package dev.dbaas.pipeline.tail.deadletters;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import dev.dbaas.pipeline.tail.KafkaClientSettings;
import dev.dbaas.pipeline.tail.StartPosition;
import dev.dbaas.pipeline.tail.TopicNotFound;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a dead-letter topic as it is now: every partition from a start up to the end it
 * had when reading began, or only chosen records. Like the status tail it is a bystander:
 * it assigns partitions itself, has no consumer group and commits nothing. It reads
 * committed records only, so a dead letter of an aborted transaction is never shown or
 * re-driven.
 *
 * <p>
 * Not thread-safe.
 */
public final class DeadLetterTopic implements AutoCloseable {

	private static final Duration POLL_TIMEOUT = Duration.ofMillis(250);

	/**
	 * A partition that hands out nothing for this long, short of its end, fails the read.
	 */
	private static final Duration STALL_TIMEOUT = Duration.ofSeconds(30);

	private final org.apache.kafka.clients.consumer.Consumer<String, byte[]> consumer;

	private final String topic;

	private final String bootstrapServers;

	DeadLetterTopic(org.apache.kafka.clients.consumer.Consumer<String, byte[]> consumer, String topic,
			String bootstrapServers) {
		this.consumer = consumer;
		this.topic = topic;
		this.bootstrapServers = bootstrapServers;
	}

	/**
	 * Opens a dead-letter topic with a consumer of its own; nothing is read yet.
	 * @param kafka how to reach Kafka
	 * @param topic the dead-letter topic
	 * @return the topic; close it
	 */
	public static DeadLetterTopic open(KafkaClientSettings kafka, String topic) {
		Map<String, Object> properties = kafka.clientProperties();
		properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "event-tail-dead-letters");
		properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		properties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
		properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		properties.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
		return new DeadLetterTopic(new KafkaConsumer<>(properties), topic, kafka.bootstrapServers());
	}

	/**
	 * Hands every dead letter from a start to the end of each partition to a sink, in
	 * order per partition, partition after partition.
	 * @param from where to start; {@link StartPosition.End} reads nothing
	 * @param sink what to do with each dead letter
	 * @return how many were read
	 * @throws TopicNotFound if the topic does not exist
	 * @throws org.apache.kafka.common.KafkaException if Kafka cannot be read (e.g. not
	 * authorized)
	 */
	public long readAll(StartPosition from, Consumer<DeadLetter> sink) {
		List<TopicPartition> partitions = partitions();
		Map<TopicPartition, Long> ends = this.consumer.endOffsets(partitions);
		Map<TopicPartition, Long> starts = new LinkedHashMap<>();
		if (from instanceof StartPosition.Beginning) {
			starts.putAll(this.consumer.beginningOffsets(partitions));
		}
		else if (from instanceof StartPosition.At at) {
			Map<TopicPartition, Long> times = new HashMap<>();
			partitions.forEach((partition) -> times.put(partition, at.time().toEpochMilli()));
			Map<TopicPartition, OffsetAndTimestamp> offsets = this.consumer.offsetsForTimes(times);
			partitions.forEach((partition) -> {
				OffsetAndTimestamp offset = offsets.get(partition);
				starts.put(partition, (offset != null) ? offset.offset() : ends.get(partition));
			});
		}
		else {
			starts.putAll(ends);
		}
		long read = 0;
		for (TopicPartition partition : partitions) {
			read += read(partition, starts.get(partition), ends.get(partition),
					(record) -> sink.accept(DeadLetter.of(record)));
		}
		return read;
	}

	/**
	 * Reads chosen dead letters.
	 * @param offsets the chosen records, each as partition and offset of this topic
	 * @return what was found, by position in the order asked, and what was not
	 * @throws TopicNotFound if the topic does not exist
	 * @throws org.apache.kafka.common.KafkaException if Kafka cannot be read
	 */
	public Selection read(Collection<RecordPosition> offsets) {
		List<TopicPartition> partitions = partitions();
		Map<TopicPartition, Long> ends = this.consumer.endOffsets(partitions);
		Map<TopicPartition, Long> beginnings = this.consumer.beginningOffsets(partitions);
		Map<Integer, TreeMap<Long, RecordPosition>> wanted = new TreeMap<>();
		List<String> missing = new ArrayList<>();
		for (RecordPosition position : offsets) {
			TopicPartition partition = new TopicPartition(this.topic, position.partition());
			if (!ends.containsKey(partition)) {
				missing.add(position + ": the topic has no partition " + position.partition() + " (it has "
						+ partitions.size() + ")");
			}
			else if (position.offset() < beginnings.get(partition) || position.offset() >= ends.get(partition)) {
				missing.add(position + ": no such record; partition " + position.partition() + " holds offsets "
						+ describe(beginnings.get(partition), ends.get(partition)));
			}
			else {
				wanted.computeIfAbsent(position.partition(), (key) -> new TreeMap<>()).put(position.offset(), position);
			}
		}
		Map<RecordPosition, DeadLetter> found = new LinkedHashMap<>();
		wanted.forEach((number, chosen) -> {
			TopicPartition partition = new TopicPartition(this.topic, number);
			read(partition, chosen.firstKey(), Math.min(chosen.lastKey() + 1, ends.get(partition)), (record) -> {
				if (chosen.containsKey(record.offset())) {
					found.put(chosen.get(record.offset()), DeadLetter.of(record));
				}
			});
			chosen.forEach((offset, position) -> {
				if (!found.containsKey(position)) {
					missing.add(position + ": no such record (removed by retention or compaction, or a transaction"
							+ " marker)");
				}
			});
		});
		Map<RecordPosition, DeadLetter> ordered = new LinkedHashMap<>();
		offsets.forEach((position) -> {
			DeadLetter letter = found.get(position);
			if (letter != null) {
				ordered.put(position, letter);
			}
		});
		return new Selection(List.copyOf(ordered.values()), List.copyOf(missing));
	}

	@Override
	public void close() {
		this.consumer.close(Duration.ofSeconds(5));
	}

	private List<TopicPartition> partitions() {
		List<PartitionInfo> infos = this.consumer.partitionsFor(this.topic);
		if (infos == null || infos.isEmpty()) {
			throw new TopicNotFound(this.topic, this.bootstrapServers);
		}
		return infos.stream()
			.map((info) -> new TopicPartition(info.topic(), info.partition()))
			.sorted((a, b) -> Integer.compare(a.partition(), b.partition()))
			.toList();
	}

	private long read(TopicPartition partition, long start, long end, RecordSink sink) {
		if (start >= end) {
			return 0;
		}
		this.consumer.assign(List.of(partition));
		this.consumer.seek(partition, start);
		long read = 0;
		long position = start;
		long progressed = System.nanoTime();
		while (position < end) {
			ConsumerRecords<String, byte[]> records = this.consumer.poll(POLL_TIMEOUT);
			long now = System.nanoTime();
			long next = this.consumer.position(partition);
			if (next > position || !records.isEmpty()) {
				progressed = now;
			}
			else if (now - progressed > STALL_TIMEOUT.toNanos()) {
				throw new KafkaException("no progress reading " + partition + " for " + STALL_TIMEOUT.toSeconds()
						+ " s, at offset " + position + " of " + end + "; is the broker reachable?");
			}
			position = next;
			for (ConsumerRecord<String, byte[]> record : records) {
				if (record.offset() >= end) {
					return read;
				}
				read++;
				sink.accept(record);
			}
		}
		return read;
	}

	private static String describe(long beginning, long end) {
		return (beginning >= end) ? "none (it is empty)" : beginning + " to " + (end - 1);
	}

	@FunctionalInterface
	private interface RecordSink {

		void accept(ConsumerRecord<String, byte[]> record);

	}

	/**
	 * The outcome of reading chosen dead letters.
	 *
	 * @param found the dead letters found, in the order they were asked for
	 * @param missing one message per chosen record that is not there
	 */
	public record Selection(List<DeadLetter> found, List<String> missing) {

	}

}
