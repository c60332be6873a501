package dev.dbaas.pipeline.provisioner.provisioning;

import java.util.Optional;

import dev.dbaas.pipeline.contract.credentials.AdminCredentials;

/**
 * The seam where a real cloud API plugs in: performs one provisioning step of one order.
 *
 * <p>
 * Implementations must be <em>idempotent by order and step</em>: calling {@link #perform}
 * again for a step that already completed must not create a second node, volume or user,
 * and must answer {@link StepOutcome.Completed} again. Workers rely on this when a step
 * is retried after a crash or a lost lease.
 *
 * <p>
 * Called concurrently from many worker threads, for different orders; calls for one order
 * are sequential except after a lost lease.
 */
public interface ProvisioningBackend {

	/**
	 * Performs a step. May take minutes.
	 * @param order the order
	 * @param step the step to perform
	 * @param attempt how many times this step failed transiently before (0 on the first
	 * try)
	 * @return the outcome; never {@code null}
	 * @throws InterruptedException if the worker is asked to stop while waiting
	 */
	StepOutcome perform(DatabaseOrder order, ProvisioningStep step, int attempt) throws InterruptedException;

	/**
	 * The admin credentials that {@link ProvisioningStep#CREATE_ADMIN_CREDENTIALS}
	 * created for an order's database, for sealing into the DONE event. Never logged.
	 * @param order the order
	 * @return the credentials, or empty if this backend keeps none for the order
	 */
	default Optional<AdminCredentials> adminCredentials(DatabaseOrder order) {
		return Optional.empty();
	}

}
