package dev.dbaas.pipeline.status.order;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The settings the backend read back from the running instance when an order ended DONE.
 *
 * @param nodeSize node size the server runs with
 * @param storageGb storage in GB
 * @param trustedSources the sources the server admits; may be empty
 * @param interruptionMillis how long the instance refused connections while the order was
 * applied (a restart for a new node size), or {@code null} if it did not
 */
public record ObservedSettings(String nodeSize, int storageGb, List<String> trustedSources,
		@Nullable Long interruptionMillis) {

	public ObservedSettings {
		Text.require("observed.nodeSize", nodeSize, 50);
		if (storageGb < 1) {
			throw new InvalidOrderEventException("observed.storageGb must be positive, got " + storageGb);
		}
		trustedSources = TrustedSources.checked("observed.trustedSources[]", trustedSources);
		if (interruptionMillis != null && interruptionMillis < 0) {
			throw new InvalidOrderEventException(
					"observed.interruptionMillis must not be negative, got " + interruptionMillis);
		}
	}

}
