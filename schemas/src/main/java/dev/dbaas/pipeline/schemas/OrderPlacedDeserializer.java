package dev.dbaas.pipeline.schemas;

import dev.dbaas.pipeline.events.OrderPlaced;

/**
 * {@link AvroEventDeserializer} for {@link OrderPlaced}, with the no-argument constructor
 * that Kafka's {@code value.deserializer} and
 * {@code spring.deserializer.value.delegate.class} need.
 */
public class OrderPlacedDeserializer extends AvroEventDeserializer<OrderPlaced> {

	public OrderPlacedDeserializer() {
		super(OrderPlaced.class);
	}

}
