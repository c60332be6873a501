package dev.dbaas.pipeline.testkit;

import java.util.List;

import dev.dbaas.pipeline.events.AcceptedDocument;
import dev.dbaas.pipeline.events.OrderPlaced;
import dev.dbaas.pipeline.localinfra.sample.ValidOrder;

/**
 * Builders of valid pipeline events for tests, so that every module starts from the same
 * order and changes only what its test is about.
 */
public final class Events {

	private Events() {
	}

	/**
	 * A valid {@code OrderPlaced}: MariaDB 10.11 on b2-4 with 50 GB in DE-WEST-1 for
	 * customer c-1001, two trusted sources, an existing invoice profile, the terms of
	 * service accepted; fresh event and order ids. The event of {@link ValidOrder}, with
	 * one document.
	 * @return a builder to adjust
	 */
	public static OrderPlaced.Builder anOrderPlaced() {
		return ValidOrder.anOrderPlaced()
			.setAcceptedDocuments(List.of(new AcceptedDocument("terms-of-service", "2025-01")));
	}

}
