package dev.dbaas.pipeline.bench;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.dbaas.pipeline.events.AcceptedDocument;
import dev.dbaas.pipeline.events.DatabaseType;
import dev.dbaas.pipeline.events.ExistingInvoiceProfile;
import dev.dbaas.pipeline.events.OrderPlaced;
import dev.dbaas.pipeline.schemas.AvroEventSerializer;

/**
 * Valid orders: request bodies for order-intake, prepared up front so that the load
 * generator spends its CPU on HTTP only, and {@code OrderPlaced} events as the relay
 * publishes them.
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
			bodies.add("""
					{"customerId":"c-%d","databaseType":"MARIADB","databaseVersion":"10.11","nodeSize":"b2-4",\
					"storageGb":%d,"trustedSources":["123.123.123.123/32","222.222.222.128/28"],"region":"DE-WEST-1",\
					"invoiceProfile":{"existingId":"inv-7781"},"acceptedDocuments":[\
					{"id":"terms-of-service","version":"2025-01"},\
					{"id":"data-processing-agreement","version":"2025-01"},\
					{"id":"service-description","version":"2025-01"}]}""".formatted(1000 + i, 50 * (1 + i % 10)));
		}
		return List.copyOf(bodies);
	}

	/**
	 * An {@code OrderPlaced} event of a new order, as order-intake publishes it.
	 * @return the event
	 */
	static OrderPlaced orderPlaced() {
		return OrderPlaced.newBuilder()
			.setEventId(UUID.randomUUID().toString())
			.setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
			.setOrderId(UUID.randomUUID().toString())
			.setCustomerId("c-1001")
			.setDatabaseType(DatabaseType.MARIADB)
			.setDatabaseVersion("10.11")
			.setNodeSize("b2-4")
			.setStorageGb(50)
			.setTrustedSources(List.of("123.123.123.123/32", "222.222.222.128/28"))
			.setRegion("DE-WEST-1")
			.setInvoiceProfile(new ExistingInvoiceProfile("inv-7781"))
			.setAcceptedDocuments(List.of(new AcceptedDocument("terms-of-service", "2025-01"),
					new AcceptedDocument("data-processing-agreement", "2025-01"),
					new AcceptedDocument("service-description", "2025-01")))
			.build();
	}

	/**
	 * The wire bytes of an {@code OrderPlaced}: the record size of the Kafka baseline.
	 * @return Avro single-object encoded event
	 */
	static byte[] orderPlacedBytes() {
		return new AvroEventSerializer().encode(orderPlaced());
	}

}
