package dev.dbaas.pipeline.provisioner.provisioning.config;

import java.time.Duration;

import dev.dbaas.pipeline.contract.kafka.DeadLetterRecoverer;
import dev.dbaas.pipeline.contract.kafka.PipelineTopics;
import dev.dbaas.pipeline.provisioner.provisioning.messaging.UnprocessableOrder;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * What happens to an {@code OrderPlaced} record the listener cannot handle.
 * <ul>
 * <li>Undecodable bytes and unprocessable orders (among them an order id that breaks the
 * contract's rule) go to the dead-letter topic at once, through the contract's
 * {@link DeadLetterRecoverer} (reason header, counter by source topic), and the partition
 * moves on.</li>
 * <li>While the database is unreachable (connection or transient errors) the record is
 * retried with exponential backoff, for as long as it takes: a valid order is never
 * dead-lettered because of an outage.</li>
 * <li>Anything else is retried twice, then dead-lettered.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class DeadLetterConfiguration {

	@Bean
	CommonErrorHandler orderPlacedErrorHandler(KafkaTemplate<String, Object> kafka, PipelineTopics topics,
			MeterRegistry meters) {
		DefaultErrorHandler handler = new DefaultErrorHandler(
				new DeadLetterRecoverer(kafka, topics, meters, topics.orderPlaced()), new FixedBackOff(200, 2));
		handler.addNotRetryableExceptions(UnprocessableOrder.class);
		BackOff untilTheDatabaseAnswers = untilTheDatabaseAnswers();
		handler.setBackOffFunction((record, ex) -> isDatabaseTrouble(ex) ? untilTheDatabaseAnswers : null);
		return handler;
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
