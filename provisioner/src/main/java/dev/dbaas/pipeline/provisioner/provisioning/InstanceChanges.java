package dev.dbaas.pipeline.provisioner.provisioning;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The settings an UPDATE changes, each {@code null} when unchanged. The order's own
 * fields carry the complete desired settings after the change; this says which of them
 * the backend has to apply.
 *
 * @param storageGb the new storage size in GB, positive, or {@code null}
 * @param nodeSize the new catalogue node size id, or {@code null}
 * @param trustedSources the new complete list of trusted IPv4 CIDRs, or {@code null}
 * @param deletionProtection the new deletion protection, or {@code null} (no backend
 * step)
 */
public record InstanceChanges(@Nullable Integer storageGb, @Nullable String nodeSize,
		@Nullable List<String> trustedSources, @Nullable Boolean deletionProtection) {

	public InstanceChanges {
		if (storageGb == null && nodeSize == null && trustedSources == null && deletionProtection == null) {
			throw new IllegalArgumentException("an UPDATE must change at least one setting");
		}
		if (storageGb != null && storageGb <= 0) {
			throw new IllegalArgumentException("storage must be positive, got " + storageGb + " GB");
		}
		if (nodeSize != null && nodeSize.isBlank()) {
			throw new IllegalArgumentException("nodeSize must not be blank");
		}
		if (trustedSources != null) {
			if (trustedSources.isEmpty()) {
				throw new IllegalArgumentException("trustedSources must not be empty");
			}
			trustedSources = List.copyOf(trustedSources);
		}
	}

}
