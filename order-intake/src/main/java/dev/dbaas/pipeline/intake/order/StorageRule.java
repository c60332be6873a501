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
			violations.add(new Violation("/storageGb", "storageGb is missing; choose " + range(), "storage-missing"));
			return new Checked<>(null, violations);
		}
		Violation problem = problem(value);
		if (problem != null) {
			violations.add(problem);
			return new Checked<>(null, violations);
		}
		return new Checked<>(new StorageSize(value.intValue()), violations);
	}

	private @Nullable Violation problem(long value) {
		StorageOffer offer = this.offer;
		String range = range();
		if (value < offer.minGb()) {
			return new Violation("/storageGb",
					value + " GB is below the minimum of " + offer.minGb() + " GB; choose " + range,
					"storage-below-minimum");
		}
		if (value > offer.maxGb()) {
			return new Violation("/storageGb",
					value + " GB is above the maximum of " + offer.maxGb() + " GB; choose " + range,
					"storage-above-maximum");
		}
		if (!offer.offers(value)) {
			long lower = value / offer.stepGb() * offer.stepGb();
			long upper = lower + offer.stepGb();
			String options = (lower >= offer.minGb()) ? lower + " or " + upper : Long.toString(upper);
			return new Violation("/storageGb", value + " GB is not a multiple of " + offer.stepGb() + " GB; choose "
					+ options + " (" + range + ")", "storage-off-step");
		}
		return null;
	}

	private String range() {
		return this.offer.minGb() + " to " + this.offer.maxGb() + " GB in steps of " + this.offer.stepGb() + " GB";
	}

}
