package dev.dbaas.pipeline.intake.order.messaging;

import dev.dbaas.pipeline.intake.PipelineTopics;
import dev.dbaas.pipeline.intake.order.OrderEvents;
import dev.dbaas.pipeline.intake.order.OrderPlaced;
import dev.dbaas.pipeline.intake.outbox.Outbox;
import dev.dbaas.pipeline.intake.outbox.OutboxMessage;
import dev.dbaas.pipeline.schemas.AvroEventSerializer;

import org.springframework.stereotype.Component;

/**
 * Records order events in the outbox as Avro single-object-encoded {@code OrderPlaced}
 * records on {@code pipeline.topics.order-placed}, keyed by orderId.
 */
@Component
class OutboxOrderEvents implements OrderEvents {

	private final AvroEventSerializer serializer = new AvroEventSerializer();

	private final Outbox outbox;

	private final PipelineTopics topics;

	OutboxOrderEvents(Outbox outbox, PipelineTopics topics) {
		this.outbox = outbox;
		this.topics = topics;
	}

	@Override
	public void placed(OrderPlaced event) {
		byte[] payload = this.serializer.encode(OrderPlacedRecords.toRecord(event));
		this.outbox.append(
				new OutboxMessage(event.eventId(), this.topics.orderPlaced(), event.order().id().toString(), payload));
	}

}
