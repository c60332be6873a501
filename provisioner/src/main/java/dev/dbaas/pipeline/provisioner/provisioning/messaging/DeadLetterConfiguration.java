package dev.dbaas.pipeline.provisioner.provisioning.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

import dev.dbaas.pipeline.provisioner.PipelineTopics;
import dev.dbaas.pipeline.provisioner.tracing.OrderTraces;

/**
 * What happens to an {@code OrderPlaced} record the listener cannot handle.
 * <ul>
 * <li>Undecodable bytes and unprocessable orders go to the dead-letter topic at once,
 * with {@code kafka_dlt-*} headers that say why, and the partition moves on.</li>
 * <li>While the database is unreachable (connection or transient errors) the record is
 * retried with exponential backoff, for as long as it takes: a valid order is never
 * dead-lettered because of an outage.</li>
 * <li>Anything else is retried twice, then dead-lettered.</li>
 * </ul>
 * Besides spring-kafka's {@code kafka_dlt-*} headers, a {@code pipeline_dlt-reason}
 * header carries the innermost cause. The counter
 * {@code pipeline_dead_letter_records_total{topic}} counts dead-lettered records by the
 * topic they came from.
 */
@Configuration(proxyBeanMethods = false)
class DeadLetterConfiguration {

	/** Header with the innermost cause of a dead-lettered record. */
	static final String REASON_HEADER = "pipeline_dlt-reason";

	private static final Logger log = LoggerFactory.getLogger(DeadLetterConfiguration.class);

	@Bean
	CommonErrorHandler orderPlacedErrorHandler(KafkaTemplate<String, Object> kafka, PipelineTopics topics,
			MeterRegistry meters) {
		DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(kafka,
				(record, ex) -> new TopicPartition(topics.orderPlacedDlt(), record.partition()));
		deadLetters.setHeadersFunction((record, ex) -> reasonHeader(ex));
		// Registered at 0 before the first dead letter: a series that is born at 1
		// shows no increase() to the dead-letter alert.
		deadLetterCounter(meters, topics.orderPlaced());
		ConsumerRecordRecoverer countingRecoverer = (record, ex) -> {
			deadLetters.accept(record, ex);
			deadLetterCounter(meters, record.topic()).increment();
			try (MDC.MDCCloseable order = (record.key() != null)
					? MDC.putCloseable(OrderTraces.ORDER_ID, String.valueOf(record.key())) : null) {
				log.warn("Dead-lettered record {}-{}@{} to {}: {}", record.topic(), record.partition(), record.offset(),
						topics.orderPlacedDlt(), ex.getMessage());
			}
		};
		DefaultErrorHandler handler = new DefaultErrorHandler(countingRecoverer, new FixedBackOff(200, 2));
		handler.addNotRetryableExceptions(UnprocessableOrder.class);
		BackOff untilTheDatabaseAnswers = untilTheDatabaseAnswers();
		handler.setBackOffFunction((record, ex) -> isDatabaseTrouble(ex) ? untilTheDatabaseAnswers : null);
		return handler;
	}

	private static Counter deadLetterCounter(MeterRegistry meters, String sourceTopic) {
		return Counter.builder("pipeline.dead.letter.records")
			.description("Records sent to a dead-letter topic, by the topic they came from")
			.tag("topic", sourceTopic)
			.register(meters);
	}

	/**
	 * The {@code kafka_dlt-exception-message} of an undecodable record only says "failed
	 * to deserialize"; this header carries the innermost cause, e.g.
	 * {@code NOT_SINGLE_OBJECT_ENCODED: ...}.
	 */
	private static Headers reasonHeader(Exception ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String reason = (root.getMessage() != null) ? root.getMessage() : root.getClass().getName();
		return new RecordHeaders(
				new Header[] { new RecordHeader(REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8)) });
	}

	private static BackOff untilTheDatabaseAnswers() {
		ExponentialBackOff backOff = new ExponentialBackOff(Duration.ofMillis(200).toMillis(), 2.0);
		backOff.setMaxInterval(Duration.ofSeconds(10).toMillis());
		return backOff;
	}

	private static boolean isDatabaseTrouble(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof TransientDataAccessException || cause instanceof RecoverableDataAccessException
					|| cause instanceof DataAccessResourceFailureException
					|| cause instanceof CannotCreateTransactionException) {
				return true;
			}
		}
		return false;
	}

}
