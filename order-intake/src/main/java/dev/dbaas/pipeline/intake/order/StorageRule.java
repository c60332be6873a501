package dev.dbaas.pipeline.intake.order;

import java.util.ArrayList;
import java.util.List;

import dev.dbaas.pipeline.intake.catalog.Catalog;
import dev.dbaas.pipeline.intake.catalog.StorageOffer;
import org.jspecify.annotations.Nullable;

/**
 * The storage step: a size within the catalog's range and on its steps; an off-step size
 * gets the nearest offered sizes as the hint.
 */
final class StorageRule {

	private final StorageOffer offer;

	StorageRule(Catalog catalog) {
		this.offer = catalog.storage();
	}

	Checked<StorageSize> check(@Nullable Long value) {
		List<Violation> violations = new ArrayList<>();
		if (value == null) {
			violations.add(new Violation("/storageGb", "storageGb is missing; choose " + range()));
			return new Checked<>(null, violations);
		}
		String problem = problem(value);
		if (problem != null) {
			violations.add(new Violation("/storageGb", problem));
			return new Checked<>(null, violations);
		}
		return new Checked<>(new StorageSize(value.intValue()), violations);
	}

	private @Nullable String problem(long value) {
		StorageOffer offer = this.offer;
		String range = range();
		if (value < offer.minGb()) {
			return value + " GB is below the minimum of " + offer.minGb() + " GB; choose " + range;
		}
		if (value > offer.maxGb()) {
			return value + " GB is above the maximum of " + offer.maxGb() + " GB; choose " + range;
		}
		if (!offer.offers(value)) {
			long lower = value / offer.stepGb() * offer.stepGb();
			long upper = lower + offer.stepGb();
			String options = (lower >= offer.minGb()) ? lower + " or " + upper : Long.toString(upper);
			return value + " GB is not a multiple of " + offer.stepGb() + " GB; choose " + options + " (" + range + ")";
		}
		return null;
	}

	private String range() {
		return this.offer.minGb() + " to " + this.offer.maxGb() + " GB in steps of " + this.offer.stepGb() + " GB";
	}

}
