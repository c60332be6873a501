package dev.dbaas.pipeline.intake.order.messaging;

import java.util.List;

import dev.dbaas.pipeline.contract.kafka.PipelineTopics;
import dev.dbaas.pipeline.intake.order.OrderEvents;
import dev.dbaas.pipeline.intake.order.OrderPlaced;
import dev.dbaas.pipeline.intake.outbox.Outbox;
import dev.dbaas.pipeline.intake.outbox.OutboxMessage;
import dev.dbaas.pipeline.schemas.AvroEventSerializer;

import org.springframework.stereotype.Component;

/**
 * Records order events in the outbox as Avro single-object-encoded {@code OrderPlaced}
 * records on {@code pipeline.topics.order-placed}, keyed by orderId. Encoding and the
 * trace context happen in {@link #prepare}, on the placing request's thread.
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
	public Prepared prepare(OrderPlaced event) {
		byte[] payload = this.serializer.encode(OrderPlacedRecords.toRecord(event));
		return new PreparedMessage(this.outbox.inCurrentTrace(
				new OutboxMessage(event.eventId(), this.topics.orderPlaced(), event.order().id().toString(), payload)));
	}

	@Override
	public void record(List<Prepared> events) {
		this.outbox.append(events.stream().map(OutboxOrderEvents::message).toList());
	}

	private static OutboxMessage message(Prepared prepared) {
		if (prepared instanceof PreparedMessage message) {
			return message.message();
		}
		throw new IllegalArgumentException("not prepared by OutboxOrderEvents: " + prepared);
	}

	private record PreparedMessage(OutboxMessage message) implements Prepared {
	}

}
