package dev.dbaas.pipeline.testkit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import dev.dbaas.pipeline.events.AcceptedDocument;
import dev.dbaas.pipeline.events.DatabaseType;
import dev.dbaas.pipeline.events.ExistingInvoiceProfile;
import dev.dbaas.pipeline.events.OrderPlaced;

/**
 * Builders of valid pipeline events for tests, so that every module starts from the same
 * order and changes only what its test is about.
 */
public final class Events {

	private Events() {
	}

	/**
	 * A valid {@code OrderPlaced}: MariaDB 10.11 on b2-4 with 50 GB in DE-WEST-1 for
	 * customer c-1001, two trusted sources, an existing invoice profile; fresh event and
	 * order ids.
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

}
