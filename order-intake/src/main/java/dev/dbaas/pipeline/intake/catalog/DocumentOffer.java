package dev.dbaas.pipeline.intake.catalog;

import java.util.Objects;

/**
 * A document a customer must accept, at its current version.
 *
 * @param id document id, e.g. {@code terms-of-service}
 * @param version current version, e.g. {@code 2025-01}
 * @param title display title
 * @param url where the portal links to
 */
public record DocumentOffer(String id, String version, String title, String url) {

	public DocumentOffer {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(version, "version");
		Objects.requireNonNull(title, "title");
		Objects.requireNonNull(url, "url");
	}

}
