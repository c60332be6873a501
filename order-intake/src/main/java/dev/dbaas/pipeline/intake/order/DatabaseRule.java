package dev.dbaas.pipeline.intake.order;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import dev.dbaas.pipeline.intake.catalog.Catalog;
import dev.dbaas.pipeline.intake.catalog.DatabaseTypeOffer;
import dev.dbaas.pipeline.intake.catalog.VersionLifecycle;
import org.jspecify.annotations.Nullable;

/**
 * The wizard's first step: a database type of the catalog and one of its versions that is
 * not past its end of life, or its default version when none is sent.
 */
final class DatabaseRule {

	private final Catalog catalog;

	private final Clock clock;

	DatabaseRule(Catalog catalog, Clock clock) {
		this.catalog = catalog;
		this.clock = clock;
	}

	Checked<Database> check(@Nullable String typeId, @Nullable String version) {
		List<Violation> violations = new ArrayList<>();
		String choices = CatalogChoices.list(this.catalog.databaseTypes().stream().map(DatabaseTypeOffer::id).toList());
		if (typeId == null) {
			violations.add(new Violation("/databaseType", "databaseType is missing; choose one of " + choices));
			return new Checked<>(null, violations);
		}
		LocalDate today = LocalDate.now(this.clock);
		DatabaseTypeOffer type = this.catalog.databaseType(typeId).map((offer) -> offer.asOf(today)).orElse(null);
		if (type == null) {
			violations.add(new Violation("/databaseType",
					"unknown database type '" + UserInput.echo(typeId) + "'; choose one of " + choices));
			return new Checked<>(null, violations);
		}
		if (version == null) {
			return new Checked<>(new Database(type.id(), type.defaultVersion()), violations);
		}
		VersionLifecycle lifecycle = type.lifecycleOf(version).orElse(null);
		if (lifecycle != null && lifecycle.isRetiredOn(today)) {
			violations.add(new Violation("/databaseVersion",
					type.name() + " " + UserInput.echo(version) + " reached its end of life on " + lifecycle.endOfLife()
							+ " and is no longer offered; choose one of " + CatalogChoices.list(type.versions())
							+ ", or leave databaseVersion out to get " + type.defaultVersion()));
			return new Checked<>(null, violations);
		}
		if (!type.versions().contains(version)) {
			violations.add(new Violation("/databaseVersion",
					type.name() + " has no version '" + UserInput.echo(version) + "'; choose one of "
							+ CatalogChoices.list(type.versions()) + ", or leave databaseVersion out to get "
							+ type.defaultVersion()));
			return new Checked<>(null, violations);
		}
		return new Checked<>(new Database(type.id(), version), violations);
	}

	/**
	 * A database type and version the catalog offers.
	 *
	 * @param type catalog database type id
	 * @param version one of its versions
	 */
	record Database(String type, String version) {
	}

}
