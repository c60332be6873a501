package dev.dbaas.pipeline.intake.catalog.web;

import io.swagger.v3.oas.annotations.Operation;

import dev.dbaas.pipeline.intake.catalog.Catalog;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the catalog as it is configured.
 */
@RestController
class CatalogController {

	private final Catalog catalog;

	CatalogController(Catalog catalog) {
		this.catalog = catalog;
	}

	@Operation(summary = "Everything a portal needs to render the order form",
			description = "Database types and versions, node sizes, storage range, regions, trusted-source limits "
					+ "and the documents an order must accept at their current version.")
	@GetMapping(path = "/v1/catalog", produces = MediaType.APPLICATION_JSON_VALUE)
	Catalog catalog() {
		return this.catalog;
	}

}
