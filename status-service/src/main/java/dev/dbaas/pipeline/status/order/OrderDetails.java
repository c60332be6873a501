package dev.dbaas.pipeline.status.order;

import java.util.List;

/**
 * What the customer ordered, as {@code OrderPlaced} tells it.
 *
 * @param databaseType engine, e.g. {@code MARIADB}; {@code UNKNOWN} for an engine this
 * reader does not know yet
 * @param databaseVersion engine version, e.g. {@code 10.11}
 * @param nodeSize catalog node size id, e.g. {@code b2-4}
 * @param storageGb storage in GB, positive
 * @param region region, e.g. {@code DE-WEST-1}
 * @param trustedSources CIDRs allowed to connect, each without whitespace; may be empty
 */
public record OrderDetails(String databaseType, String databaseVersion, String nodeSize, int storageGb, String region,
		List<String> trustedSources) {

	public OrderDetails {
		Text.require("databaseType", databaseType, 50);
		Text.require("databaseVersion", databaseVersion, 50);
		Text.require("nodeSize", nodeSize, 50);
		Text.require("region", region, 50);
		if (storageGb < 1) {
			throw new InvalidOrderEventException("storageGb must be positive, got " + storageGb);
		}
		if (trustedSources == null) {
			throw new InvalidOrderEventException("trustedSources must not be null");
		}
		for (String source : trustedSources) {
			Text.require("trustedSources[]", source, 64);
			if (source.chars().anyMatch(Character::isWhitespace)) {
				throw new InvalidOrderEventException("trustedSources[] must not contain whitespace: '" + source + "'");
			}
		}
		trustedSources = List.copyOf(trustedSources);
	}

}
