package dev.dbaas.pipeline.schemas;

import dev.dbaas.pipeline.events.OrderStatusChanged;

/**
 * {@link AvroEventDeserializer} for {@link OrderStatusChanged}, with the no-argument
 * constructor that Kafka's configuration needs.
 */
public class OrderStatusChangedDeserializer extends AvroEventDeserializer<OrderStatusChanged> {

	public OrderStatusChangedDeserializer() {
		super(OrderStatusChanged.class);
	}

}
