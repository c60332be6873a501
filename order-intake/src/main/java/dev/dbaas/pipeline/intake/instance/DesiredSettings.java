package dev.dbaas.pipeline.intake.instance;

import java.util.List;
import java.util.Objects;

import dev.dbaas.pipeline.intake.order.StorageSize;
import dev.dbaas.pipeline.intake.order.TrustedSource;

/**
 * The settings of an instance that change orders change, as the newest accepted order
 * wants them.
 *
 * @param nodeSize catalog node size id
 * @param storage storage
 * @param trustedSources canonical networks allowed to connect, at least one
 * @param deletionProtection whether a DELETE is refused
 */
public record DesiredSettings(String nodeSize, StorageSize storage, List<TrustedSource> trustedSources,
		boolean deletionProtection) {

	public DesiredSettings {
		Objects.requireNonNull(nodeSize, "nodeSize");
		Objects.requireNonNull(storage, "storage");
		trustedSources = List.copyOf(trustedSources);
		if (trustedSources.isEmpty()) {
			throw new IllegalArgumentException("an instance has at least one trusted source");
		}
	}

}
