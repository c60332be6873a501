package dev.dbaas.pipeline.intake.order;

import java.util.ArrayList;
import java.util.List;

import dev.dbaas.pipeline.intake.catalog.Catalog;
import dev.dbaas.pipeline.intake.catalog.RegionOffer;
import org.jspecify.annotations.Nullable;

/**
 * The region step: a region of the catalog, by its exact id.
 */
final class RegionRule {

	private final Catalog catalog;

	RegionRule(Catalog catalog) {
		this.catalog = catalog;
	}

	Checked<String> check(@Nullable String value) {
		List<Violation> violations = new ArrayList<>();
		String choices = CatalogChoices.list(this.catalog.regions().stream().map(RegionOffer::id).toList());
		if (value == null) {
			violations.add(new Violation("/region", "region is missing; choose one of " + choices));
			return new Checked<>(null, violations);
		}
		RegionOffer region = this.catalog.region(value).orElse(null);
		if (region == null) {
			violations.add(new Violation("/region",
					"unknown region '" + UserInput.echo(value) + "'; choose one of " + choices));
			return new Checked<>(null, violations);
		}
		return new Checked<>(region.id(), violations);
	}

}
