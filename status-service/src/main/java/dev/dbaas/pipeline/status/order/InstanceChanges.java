package dev.dbaas.pipeline.status.order;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What an UPDATE order changes: each setting absent when the order leaves it as it is.
 * {@code trustedSources} replaces the whole list.
 *
 * @param storageGb the new storage in GB, or {@code null}
 * @param nodeSize the new node size, or {@code null}
 * @param trustedSources the new trusted sources, or {@code null}
 * @param deletionProtection the new deletion protection, or {@code null}
 */
public record InstanceChanges(@Nullable Integer storageGb, @Nullable String nodeSize,
		@Nullable List<String> trustedSources, @Nullable Boolean deletionProtection) {

	public InstanceChanges {
		if (storageGb != null && storageGb < 1) {
			throw new InvalidOrderEventException("changes.storageGb must be positive, got " + storageGb);
		}
		nodeSize = Text.optional("changes.nodeSize", nodeSize, 50);
		if (trustedSources != null) {
			trustedSources = TrustedSources.checked("changes.trustedSources[]", trustedSources);
		}
	}

	/**
	 * Whether the order names no change at all; such changes are treated as none.
	 * @return {@code true} if every setting is absent
	 */
	public boolean isEmpty() {
		return this.storageGb == null && this.nodeSize == null && this.trustedSources == null
				&& this.deletionProtection == null;
	}

}
