package dev.dbaas.pipeline.provisioner.support;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import dev.dbaas.pipeline.events.AcceptedDocument;
import dev.dbaas.pipeline.events.DatabaseType;
import dev.dbaas.pipeline.events.ExistingInvoiceProfile;
import dev.dbaas.pipeline.events.OrderPlaced;

/**
 * Builders of {@code OrderPlaced} events.
 */
public final class Orders {

	private Orders() {
	}

	/**
	 * A valid order for MariaDB 10.11 in DE-WEST-1, with a fresh order id.
	 * @return a builder to adjust
	 */
	public static OrderPlaced.Builder anOrderPlaced() {
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
			.setAcceptedDocuments(List.of(new AcceptedDocument("terms-of-service", "2025-01")));
	}

	/**
	 * Valid orders as {@link #anOrderPlaced()} builds them, each with a fresh order id.
	 * @param count how many
	 * @return the orders
	 */
	public static List<OrderPlaced> ordersPlaced(int count) {
		return IntStream.range(0, count).mapToObj((i) -> anOrderPlaced().build()).toList();
	}

}
