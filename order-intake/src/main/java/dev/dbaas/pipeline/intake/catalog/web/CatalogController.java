package dev.dbaas.pipeline.intake.catalog.web;

import java.time.Clock;
import java.time.LocalDate;

import dev.dbaas.pipeline.intake.catalog.Catalog;
import io.swagger.v3.oas.annotations.Operation;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the catalog as it stands today: versions past their end of life are no longer
 * offered (their lifecycle entries stay, so a portal can say why).
 */
@RestController
class CatalogController {

	private final Catalog catalog;

	private final Clock clock;

	CatalogController(Catalog catalog, Clock clock) {
		this.catalog = catalog;
		this.clock = clock;
	}

	@Operation(summary = "Everything a portal needs to render the order form",
			description = "Database types and versions, node sizes, storage range, regions, trusted-source limits "
					+ "and the documents an order must accept at their current version. Each engine lists the "
					+ "end of life of its versions; versions past it are no longer offered.")
	@GetMapping(path = "/v1/catalog", produces = MediaType.APPLICATION_JSON_VALUE)
	Catalog catalog() {
		return this.catalog.asOf(LocalDate.now(this.clock));
	}

}
