package dev.dbaas.pipeline.bench;

import java.util.ArrayList;
import java.util.List;

import dev.dbaas.pipeline.events.OrderPlaced;
import dev.dbaas.pipeline.localinfra.sample.ValidOrder;
import dev.dbaas.pipeline.schemas.AvroEventSerializer;
import dev.dbaas.pipeline.schemas.EventSchemas;

/**
 * Valid orders ({@link ValidOrder}, the one the launcher prints and the tests place):
 * request bodies for order-intake, prepared up front so that the load generator spends
 * its CPU on HTTP only, and {@code OrderPlaced} events as the relay publishes them.
 */
final class SampleOrders {

	private static final List<String> BODIES = bodies();

	private SampleOrders() {
	}

	/**
	 * One of 1,000 valid order bodies (customers and storage sizes vary).
	 * @param n any number
	 * @return JSON body
	 */
	static String body(long n) {
		return BODIES.get((int) (n % BODIES.size()));
	}

	private static List<String> bodies() {
		List<String> bodies = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			bodies.add(ValidOrder.aValidOrder()
				.withCustomerId("c-" + (1000 + i))
				.withStorageGb(50 * (1 + i % 10))
				.toJson());
		}
		return List.copyOf(bodies);
	}

	/**
	 * An {@code OrderPlaced} event of a new order, as order-intake publishes it.
	 * @return the event
	 */
	static OrderPlaced orderPlaced() {
		// Avro 1.12 refuses the event classes' enums (OrderType since schemas v3) until
		// the schemas module trusts their package, which it does as EventSchemas loads.
		EventSchemas.current(OrderPlaced.class);
		return ValidOrder.anOrderPlaced().build();
	}

	/**
	 * The wire bytes of an {@code OrderPlaced}: the record size of the Kafka baseline.
	 * @return Avro single-object encoded event
	 */
	static byte[] orderPlacedBytes() {
		return new AvroEventSerializer().encode(orderPlaced());
	}

}
