package dev.dbaas.pipeline.status.projection.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import dev.dbaas.pipeline.contract.kafka.DeadLetterRecoverer;
import dev.dbaas.pipeline.contract.kafka.PipelineTopics;
import dev.dbaas.pipeline.status.order.InvalidOrderEventException;
import dev.dbaas.pipeline.status.order.OrderEvent;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.support.KafkaUtils;
import org.springframework.stereotype.Component;

/**
 * Sorts a batch into events to apply and records to dead-letter, and sends the latter
 * through the contract's {@link DeadLetterRecoverer}: to the dead-letter topic of their
 * topic, on the same partition, with the original bytes (for records that did not
 * deserialize), {@code kafka_dlt-*} headers and the {@code pipeline_dlt-reason} header
 * that say why, counted in {@code pipeline_dead_letter_records_total{topic=<source
 * topic>}}. One bad record never holds back the rest of its batch.
 */
@Component
class DeadLetters {

	private final DeadLetterRecoverer recoverer;

	DeadLetters(@Qualifier("deadLetterTemplate") KafkaOperations<Object, Object> template, PipelineTopics topics,
			MeterRegistry registry) {
		this.recoverer = new DeadLetterRecoverer(template, topics, registry, topics.orderPlaced(),
				topics.orderStatus());
	}

	/**
	 * Sorts records into domain events and rejects.
	 * @param <V> the wire type
	 * @param records a batch; a value is {@code null} when it did not deserialize
	 * @param mapping from wire event to domain event, throwing
	 * {@link InvalidOrderEventException} for values the view cannot accept
	 * @return the triage
	 */
	<V> Triage triage(List<ConsumerRecord<String, @Nullable V>> records, Function<V, OrderEvent> mapping) {
		List<OrderEvent> events = new ArrayList<>(records.size());
		List<Rejected> rejected = new ArrayList<>();
		for (ConsumerRecord<String, @Nullable V> record : records) {
			V value = record.value();
			if (value == null) {
				boolean undecodable = record.headers()
					.lastHeader(KafkaUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER) != null;
				rejected.add(new Rejected(record, new InvalidOrderEventException(
						undecodable ? "value does not deserialize" : "record has no value")));
				continue;
			}
			try {
				events.add(mapping.apply(value));
			}
			catch (InvalidOrderEventException ex) {
				rejected.add(new Rejected(record, ex));
			}
		}
		return new Triage(events, rejected);
	}

	/**
	 * Publishes rejected records to their dead-letter topics and waits for the broker.
	 * @param rejected the records
	 * @throws org.springframework.kafka.KafkaException if a record cannot be published;
	 * the listener then fails and its batch is redelivered
	 */
	void publish(List<Rejected> rejected) {
		for (Rejected reject : rejected) {
			this.recoverer.accept(reject.record(), reject.reason());
		}
	}

	/**
	 * A batch, sorted.
	 *
	 * @param events the records that became events, in batch order
	 * @param rejected the records for the dead-letter topic
	 */
	record Triage(List<OrderEvent> events, List<Rejected> rejected) {

	}

	/**
	 * A record for the dead-letter topic.
	 *
	 * @param record the record
	 * @param reason why it cannot be applied
	 */
	record Rejected(ConsumerRecord<String, ?> record, Exception reason) {

	}

}
