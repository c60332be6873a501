package dev.dbaas.pipeline.status.projection.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.support.KafkaUtils;
import org.springframework.stereotype.Component;

import dev.dbaas.pipeline.status.PipelineTopics;
import dev.dbaas.pipeline.status.order.InvalidOrderEventException;
import dev.dbaas.pipeline.status.order.OrderEvent;

/**
 * Sorts a batch into events to apply and records to dead-letter, and sends the latter to
 * the dead-letter topic of their topic, on the same partition, with the original bytes
 * (for records that did not deserialize) and {@code kafka_dlt-*} headers that say why.
 * One bad record never holds back the rest of its batch.
 *
 * <p>
 * Counts them in {@code pipeline_dead_letter_records_total{topic=<source topic>}}.
 */
@Component
class DeadLetters {

	static final String COUNTER = "pipeline.dead.letter.records";

	private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

	private final DeadLetterPublishingRecoverer recoverer;

	private final MeterRegistry registry;

	DeadLetters(@Qualifier("deadLetterTemplate") KafkaOperations<Object, Object> template, PipelineTopics topics,
			MeterRegistry registry) {
		this.recoverer = new DeadLetterPublishingRecoverer(template,
				(record, ex) -> new TopicPartition(topics.deadLetterTopicOf(record.topic()), record.partition()));
		this.registry = registry;
		for (String topic : List.of(topics.orderPlaced(), topics.orderStatus())) {
			counter(topic);
		}
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
			try (RecordLogContext context = RecordLogContext.about(reject.record())) {
				log.warn("Dead-lettering {}-{}@{} (key {}): {}", reject.record().topic(), reject.record().partition(),
						reject.record().offset(), reject.record().key(), reject.reason().getMessage());
			}
			this.recoverer.accept(reject.record(), null, reject.reason());
			counter(reject.record().topic()).increment();
		}
	}

	private Counter counter(String topic) {
		return Counter.builder(COUNTER)
			.description("Records sent to a dead-letter topic, by source topic")
			.tag("topic", topic)
			.register(this.registry);
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
