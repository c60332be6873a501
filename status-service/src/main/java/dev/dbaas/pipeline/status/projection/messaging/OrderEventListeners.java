package dev.dbaas.pipeline.status.projection.messaging;

import java.util.List;

import dev.dbaas.pipeline.contract.kafka.PipelineTopics;
import dev.dbaas.pipeline.contract.tracing.RecordLogContext;
import dev.dbaas.pipeline.events.OrderPlaced;
import dev.dbaas.pipeline.events.OrderStatusChanged;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Batch listeners on the two topics. Each batch is applied in one transaction, which it
 * shares with the batches the other consumers hand over at the same time
 * ({@link ProjectionWriter}); records that cannot be applied go to the dead-letter topic
 * once the rest is committed. Offsets are committed after the listener returns; a failure
 * redelivers the batch, which the projector's event-id check makes harmless.
 */
@Component
class OrderEventListeners {

	/** Listener container ids, e.g. for the rebuild to stop and start them. */
	static final String PLACED = "status-order-placed";

	static final String STATUS = "status-order-status";

	private static final Logger log = LoggerFactory.getLogger(OrderEventListeners.class);

	private final PipelineTopics topics;

	private final AvroEventMapper mapper;

	private final DeadLetters deadLetters;

	private final ProjectionWriter writer;

	OrderEventListeners(PipelineTopics topics, AvroEventMapper mapper, DeadLetters deadLetters,
			ProjectionWriter writer) {
		this.topics = topics;
		this.mapper = mapper;
		this.deadLetters = deadLetters;
		this.writer = writer;
	}

	public PipelineTopics topics() {
		return this.topics;
	}

	@KafkaListener(id = PLACED, idIsGroup = false, topics = "#{__listener.topics().orderPlaced()}", batch = "true",
			properties = "spring.deserializer.value.delegate.class=dev.dbaas.pipeline.schemas.OrderPlacedDeserializer")
	void onOrderPlaced(List<ConsumerRecord<String, @Nullable OrderPlaced>> records) {
		DeadLetters.Triage triage = this.deadLetters.triage(records, this.mapper::placed);
		this.writer.apply(triage.events());
		this.deadLetters.publish(triage.rejected());
	}

	@KafkaListener(id = STATUS, idIsGroup = false, topics = "#{__listener.topics().orderStatus()}", batch = "true",
			properties = "spring.deserializer.value.delegate.class=dev.dbaas.pipeline.schemas.OrderStatusChangedDeserializer")
	void onOrderStatusChanged(List<ConsumerRecord<String, @Nullable OrderStatusChanged>> records) {
		DeadLetters.Triage triage = this.deadLetters.triage(records, this.mapper::statusChanged);
		this.writer.apply(triage.events());
		this.deadLetters.publish(triage.rejected());
		if (log.isDebugEnabled()) {
			logProjected(records);
		}
	}

	/** One line per status event, with the order's id and trace id in the MDC. */
	private static void logProjected(List<ConsumerRecord<String, @Nullable OrderStatusChanged>> records) {
		for (ConsumerRecord<String, @Nullable OrderStatusChanged> record : records) {
			OrderStatusChanged event = record.value();
			if (event != null) {
				try (RecordLogContext context = RecordLogContext.about(record)) {
					log.debug("Projected {} #{} of order {}", event.getStatus(), event.getSequence(),
							event.getOrderId());
				}
			}
		}
	}

}
