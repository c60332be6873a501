package dev.dbaas.pipeline.intake.catalog;

import java.util.Objects;

/**
 * A region on offer.
 *
 * @param id region id, e.g. {@code DE-WEST-1}
 * @param name location, e.g. {@code Cologne}
 */
public record RegionOffer(String id, String name) {

	public RegionOffer {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(name, "name");
	}

}
