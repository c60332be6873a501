package dev.dbaas.pipeline.tail.deadletters;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.StreamSupport;

import dev.dbaas.pipeline.contract.kafka.PipelineHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.support.KafkaHeaders;

/**
 * A record of a dead-letter topic, read as the pipeline's {@code DeadLetterRecoverer}
 * writes it: the original key and value bytes, spring-kafka's {@code kafka_dlt-*} headers
 * (source position, exception) and the {@link PipelineHeaders#DEAD_LETTER_REASON} header
 * (the innermost cause). Immutable; the value is not copied, so do not change it.
 *
 * @param position where the dead letter is, on its dead-letter topic
 * @param timestamp when it was dead-lettered, or {@code null} if the record has no
 * timestamp
 * @param key the record's key (the order id), or {@code null}
 * @param value the original value bytes, or {@code null}
 * @param headers every header of the dead letter, in order
 * @param source where it came from, or {@code null} if the record has no
 * {@code kafka_dlt-original-topic}, {@code -partition} and {@code -offset} headers
 * @param reason the {@code pipeline_dlt-reason} header, or {@code null}
 * @param exceptionClass the {@code kafka_dlt-exception-fqcn} header, or {@code null}
 * @param exceptionMessage the {@code kafka_dlt-exception-message} header, or {@code null}
 */
public record DeadLetter(RecordPosition position, @Nullable Instant timestamp, @Nullable String key,
		byte @Nullable [] value, List<Header> headers, @Nullable SourcePosition source, @Nullable String reason,
		@Nullable String exceptionClass, @Nullable String exceptionMessage) {

	public DeadLetter {
		headers = List.copyOf(headers);
	}

	/**
	 * Reads a record of a dead-letter topic.
	 * @param record the record, value as bytes
	 * @return the dead letter
	 */
	public static DeadLetter of(ConsumerRecord<String, byte[]> record) {
		Headers headers = record.headers();
		return new DeadLetter(RecordPosition.of(record),
				(record.timestamp() >= 0) ? Instant.ofEpochMilli(record.timestamp()) : null, record.key(),
				record.value(), copy(headers), sourceOf(headers),
				PipelineHeaders.lastValue(headers, PipelineHeaders.DEAD_LETTER_REASON),
				PipelineHeaders.lastValue(headers, KafkaHeaders.DLT_EXCEPTION_FQCN),
				PipelineHeaders.lastValue(headers, KafkaHeaders.DLT_EXCEPTION_MESSAGE));
	}

	/**
	 * The size of the value.
	 * @return its length in bytes, 0 without a value
	 */
	public int size() {
		return (this.value != null) ? this.value.length : 0;
	}

	/**
	 * The last header of a name, as text.
	 * @param name the header's name
	 * @return its UTF-8 value, or {@code null} without one
	 */
	public @Nullable String header(String name) {
		for (int i = this.headers.size() - 1; i >= 0; i--) {
			Header header = this.headers.get(i);
			if (header.key().equals(name)) {
				return (header.value() != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
			}
		}
		return null;
	}

	private static List<Header> copy(Headers headers) {
		return StreamSupport.stream(headers.spliterator(), false)
			.<Header>map((header) -> new RecordHeader(header.key(),
					(header.value() != null) ? header.value().clone() : null))
			.toList();
	}

	private static @Nullable SourcePosition sourceOf(Headers headers) {
		String topic = PipelineHeaders.lastValue(headers, KafkaHeaders.DLT_ORIGINAL_TOPIC);
		Long partition = number(headers, KafkaHeaders.DLT_ORIGINAL_PARTITION);
		Long offset = number(headers, KafkaHeaders.DLT_ORIGINAL_OFFSET);
		if (topic == null || partition == null || offset == null || partition < 0 || offset < 0) {
			return null;
		}
		Long timestamp = number(headers, KafkaHeaders.DLT_ORIGINAL_TIMESTAMP);
		return new SourcePosition(new RecordPosition(topic, partition.intValue(), offset),
				(timestamp != null && timestamp >= 0) ? Instant.ofEpochMilli(timestamp) : null,
				PipelineHeaders.lastValue(headers, KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP));
	}

	/**
	 * spring-kafka writes partitions as 4-byte and offsets and times as 8-byte
	 * big-endian.
	 */
	private static @Nullable Long number(Headers headers, String name) {
		Header header = headers.lastHeader(name);
		if (header == null || header.value() == null) {
			return null;
		}
		byte[] bytes = header.value();
		return switch (bytes.length) {
			case Integer.BYTES -> (long) ByteBuffer.wrap(bytes).getInt();
			case Long.BYTES -> ByteBuffer.wrap(bytes).getLong();
			default -> null;
		};
	}

}
