package dev.dbaas.pipeline.intake.catalog;

import java.util.List;
import java.util.Objects;

/**
 * A database engine on offer.
 *
 * @param id engine id, e.g. {@code MARIADB}
 * @param name display name
 * @param versions versions on offer, never empty
 * @param defaultVersion the version an order gets when it names none; one of
 * {@code versions}
 */
public record DatabaseTypeOffer(String id, String name, List<String> versions, String defaultVersion) {

	public DatabaseTypeOffer {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(name, "name");
		versions = List.copyOf(versions);
		if (versions.isEmpty()) {
			throw new IllegalArgumentException("database type " + id + " offers no version");
		}
		if (!versions.contains(defaultVersion)) {
			throw new IllegalArgumentException(
					"default version " + defaultVersion + " of " + id + " is not among " + versions);
		}
	}

}
