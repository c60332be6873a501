package dev.dbaas.pipeline.contract.kafka;

import java.nio.charset.StandardCharsets;

import dev.dbaas.pipeline.contract.tracing.RecordLogContext;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;

/**
 * The one way a service dead-letters a record: to the dead-letter topic of the topic it
 * came from ({@link PipelineTopics#deadLetterTopicOf}), on the same partition, with the
 * original bytes, spring-kafka's {@code kafka_dlt-*} headers and a
 * {@link PipelineHeaders#DEAD_LETTER_REASON} header with the innermost cause; counted in
 * {@code pipeline_dead_letter_records_total{topic=<source topic>}} and logged with the
 * record's {@code orderId} and {@code traceId} in the MDC.
 *
 * <p>
 * Works as a {@code DefaultErrorHandler}'s recoverer and, called directly, for the
 * rejects of a batch listener. Publishing waits for the broker (spring-kafka's default):
 * a failure throws, so the caller's record or batch is redelivered. Thread-safe.
 */
public final class DeadLetterRecoverer implements ConsumerRecordRecoverer {

	/**
	 * The counter's name; Prometheus shows it as
	 * {@code pipeline_dead_letter_records_total}.
	 */
	public static final String COUNTER = "pipeline.dead.letter.records";

	private static final Logger log = LoggerFactory.getLogger(DeadLetterRecoverer.class);

	private static final LogAccessor LOG_ACCESSOR = new LogAccessor(DeadLetterRecoverer.class);

	private final DeadLetterPublishingRecoverer publisher;

	private final PipelineTopics topics;

	private final MeterRegistry meters;

	/**
	 * A recoverer for the topics a service consumes; their counters are registered at 0
	 * right away, since a series that is born at 1 shows no {@code increase()} to the
	 * dead-letter alert.
	 * @param template the producer of dead letters; its value serializer must write what
	 * the records hold (bytes for records that did not deserialize)
	 * @param topics the topic binding
	 * @param meters where the counter goes
	 * @param consumedTopics the source topics of this service
	 */
	public DeadLetterRecoverer(KafkaOperations<?, ?> template, PipelineTopics topics, MeterRegistry meters,
			String... consumedTopics) {
		this.publisher = new DeadLetterPublishingRecoverer(template,
				(record, ex) -> new TopicPartition(topics.deadLetterTopicOf(record.topic()), record.partition()));
		this.publisher.setHeadersFunction(
				(record, ex) -> new RecordHeaders(new Header[] { new RecordHeader(PipelineHeaders.DEAD_LETTER_REASON,
						reasonOf(record, ex).getBytes(StandardCharsets.UTF_8)) }));
		this.topics = topics;
		this.meters = meters;
		for (String topic : consumedTopics) {
			counter(topic);
		}
	}

	@Override
	public void accept(ConsumerRecord<?, ?> record, Exception reason) {
		String deadLetterTopic = this.topics.deadLetterTopicOf(record.topic());
		try (RecordLogContext context = RecordLogContext.about(record)) {
			log.warn("Dead-lettering {}-{}@{} to {}: {}", record.topic(), record.partition(), record.offset(),
					deadLetterTopic, reason.getMessage());
		}
		this.publisher.accept(record, reason);
		counter(record.topic()).increment();
	}

	/**
	 * What the reason header of a record says: for a record whose value did not
	 * deserialize, the innermost cause of the deserializer's exception (a batch listener
	 * hands over its own exception for such a record); otherwise that of the exception.
	 * @param record the record
	 * @param ex why the record is dead-lettered
	 * @return the reason
	 */
	public static String reasonOf(ConsumerRecord<?, ?> record, Exception ex) {
		DeserializationException undecodable = SerializationUtils.getExceptionFromHeader(record,
				SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG_ACCESSOR);
		return reasonOf((undecodable != null) ? undecodable : ex);
	}

	/**
	 * The innermost cause's message, or its class without one. The
	 * {@code kafka_dlt-exception-message} of an undecodable record only says "failed to
	 * deserialize".
	 * @param ex why the record is dead-lettered
	 * @return the reason
	 */
	public static String reasonOf(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return (root.getMessage() != null) ? root.getMessage() : root.getClass().getName();
	}

	private Counter counter(String sourceTopic) {
		return Counter.builder(COUNTER)
			.description("Records sent to a dead-letter topic, by the topic they came from")
			.tag("topic", sourceTopic)
			.register(this.meters);
	}

}
