package dev.dbaas.pipeline.provisioner.provisioning;

import java.util.Optional;
import java.util.Set;

import dev.dbaas.pipeline.contract.credentials.AdminCredentials;

/**
 * The seam where a real cloud API plugs in: performs one step of one order, whatever its
 * type (the create steps, an update's apply and verify steps, a delete's steps), and
 * releases what a cancelled create allocated.
 *
 * <p>
 * Implementations must be <em>idempotent by order and step</em>: calling {@link #perform}
 * again for a step that already completed must not create a second node, volume or user,
 * apply a change twice or fail because the effect is already there, and must answer
 * {@link StepOutcome.Completed} again. {@link #release} is idempotent too. Workers rely
 * on this when a step is retried after a crash or a lost lease.
 *
 * <p>
 * A change order (UPDATE, DELETE) has an order id of its own: an implementation finds the
 * instance it acts on by {@link DatabaseOrder#instanceId()}, never by the order id.
 * Orders of one instance reach the backend one at a time, in version order.
 *
 * <p>
 * Called concurrently from many worker threads, for different orders; calls for one order
 * are sequential except after a lost lease.
 */
public interface ProvisioningBackend {

	/**
	 * Performs a step. May take minutes.
	 * @param order the order
	 * @param step the step to perform, one of {@link DatabaseOrder#steps()}
	 * @param attempt how many times this step failed transiently before (0 on the first
	 * try)
	 * @return the outcome; never {@code null}
	 * @throws InterruptedException if the worker is asked to stop while waiting
	 */
	StepOutcome perform(DatabaseOrder order, ProvisioningStep step, int attempt) throws InterruptedException;

	/**
	 * Releases whatever the steps of a create allocated so far (node, storage, server,
	 * data, credentials), because a DELETE of its instance cancelled it. Idempotent:
	 * releasing again, or releasing a create that allocated nothing, completes.
	 * @param create the cancelled create
	 * @return {@link StepOutcome.Completed} once nothing is left, or an error
	 * @throws InterruptedException if the worker is asked to stop while waiting
	 */
	StepOutcome release(DatabaseOrder create) throws InterruptedException;

	/**
	 * The engines whose instances live on the provisioner host that created them, so that
	 * every later order of such an instance must run on that host.
	 * @return the host-bound engines; empty if any host can act on any instance
	 */
	default Set<EngineType> hostBoundEngines() {
		return Set.of();
	}

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
