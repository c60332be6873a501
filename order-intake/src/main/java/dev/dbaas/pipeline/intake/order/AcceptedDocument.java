package dev.dbaas.pipeline.intake.order;

import java.util.Objects;

/**
 * A catalog document the customer accepted, at the version they accepted.
 *
 * @param id document id
 * @param version accepted version
 */
public record AcceptedDocument(String id, String version) {

	public AcceptedDocument {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(version, "version");
	}

}
