package dev.dbaas.pipeline.provisioner.provisioning;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The settings a backend read back from the running instance: what a DONE of a CREATE or
 * UPDATE reports as applied, not merely accepted.
 *
 * @param nodeSize the node size the server runs with
 * @param storageGb the storage size in GB
 * @param trustedSources the IPv4 CIDRs the server's access rules let in
 * @param interruptionMillis how long the instance refused connections while the order was
 * applied (a restart for a new node size), {@code null} when it did not
 */
public record ObservedSettings(String nodeSize, int storageGb, List<String> trustedSources,
		@Nullable Long interruptionMillis) {

	public ObservedSettings {
		Objects.requireNonNull(nodeSize, "nodeSize");
		trustedSources = List.copyOf(trustedSources);
		if (storageGb <= 0) {
			throw new IllegalArgumentException("observed storage must be positive, got " + storageGb);
		}
		if (interruptionMillis != null && interruptionMillis < 0) {
			throw new IllegalArgumentException("interruption must not be negative, got " + interruptionMillis);
		}
	}

}
