package dev.dbaas.pipeline.tail.deadletters;

import java.util.Objects;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Where a record is: topic, partition and offset. Shown as Kafka's tools name it,
 * {@code topic-partition@offset}.
 *
 * @param topic the topic
 * @param partition the partition, 0 or more
 * @param offset the offset, 0 or more
 */
public record RecordPosition(String topic, int partition, long offset) {

	public RecordPosition {
		Objects.requireNonNull(topic, "topic");
		if (partition < 0 || offset < 0) {
			throw new IllegalArgumentException(
					"partition and offset must not be negative: " + partition + "@" + offset);
		}
	}

	/**
	 * Where a record was read.
	 * @param record the record
	 * @return its position
	 */
	public static RecordPosition of(ConsumerRecord<?, ?> record) {
		return new RecordPosition(record.topic(), record.partition(), record.offset());
	}

	@Override
	public String toString() {
		return this.topic + "-" + this.partition + "@" + this.offset;
	}

}
