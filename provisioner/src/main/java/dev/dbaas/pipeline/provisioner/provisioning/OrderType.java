package dev.dbaas.pipeline.provisioner.provisioning;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What an order does to its instance, and so which steps its job runs.
 */
public enum OrderType {

	/** Makes the instance: the six provisioning steps. */
	CREATE,

	/** Changes a running instance's settings, then reads them back. */
	UPDATE,

	/** Stops the instance's server, removes its data and checks that it is gone. */
	DELETE;

	/**
	 * The steps a job of this type runs, in order.
	 * @param changes what an UPDATE changes; ignored for the other types
	 * @return the steps, never empty
	 */
	public List<ProvisioningStep> steps(@Nullable InstanceChanges changes) {
		return switch (this) {
			case CREATE -> ProvisioningStep.CREATE_STEPS;
			case DELETE -> ProvisioningStep.DELETE_STEPS;
			case UPDATE -> {
				List<ProvisioningStep> steps = new ArrayList<>();
				if (changes != null && changes.storageGb() != null) {
					steps.add(ProvisioningStep.APPLY_STORAGE);
				}
				if (changes != null && changes.nodeSize() != null) {
					steps.add(ProvisioningStep.APPLY_NODE_SIZE);
				}
				if (changes != null && changes.trustedSources() != null) {
					steps.add(ProvisioningStep.APPLY_TRUSTED_SOURCES);
				}
				steps.add(ProvisioningStep.VERIFY_SETTINGS);
				yield List.copyOf(steps);
			}
		};
	}

}
