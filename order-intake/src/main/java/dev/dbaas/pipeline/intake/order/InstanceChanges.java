package dev.dbaas.pipeline.intake.order;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The settings an UPDATE order changes, each {@code null} when the order leaves it as it
 * is. Never empty: an UPDATE that changes nothing is refused before it becomes an order.
 *
 * @param storage new storage, larger than before
 * @param nodeSize new catalog node size id
 * @param trustedSources the new list, replacing the whole old one
 * @param deletionProtection whether deletion protection is to be on
 */
public record InstanceChanges(@Nullable StorageSize storage, @Nullable String nodeSize,
		@Nullable List<TrustedSource> trustedSources, @Nullable Boolean deletionProtection) {

	public InstanceChanges {
		trustedSources = (trustedSources != null) ? List.copyOf(trustedSources) : null;
		if (storage == null && nodeSize == null && trustedSources == null && deletionProtection == null) {
			throw new IllegalArgumentException("an UPDATE changes at least one setting");
		}
	}

}
