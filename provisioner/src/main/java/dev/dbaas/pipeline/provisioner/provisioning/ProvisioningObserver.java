package dev.dbaas.pipeline.provisioner.provisioning;

import java.time.Duration;

/**
 * Hears what provisioning does, e.g. to record metrics. Must be fast and must not throw.
 */
public interface ProvisioningObserver {

	/** An observer that ignores everything. */
	ProvisioningObserver NONE = new ProvisioningObserver() {
	};

	/**
	 * A backend call for one step returned.
	 * @param order the order
	 * @param step the step
	 * @param outcome what the backend reported
	 * @param took how long the call took
	 */
	default void stepPerformed(DatabaseOrder order, ProvisioningStep step, StepOutcome outcome, Duration took) {
	}

	/**
	 * The backend released what a cancelled create had allocated (or tried to).
	 * @param create the cancelled create
	 * @param outcome what the backend reported
	 * @param took how long the call took
	 */
	default void released(DatabaseOrder create, StepOutcome outcome, Duration took) {
	}

	/**
	 * A job reached DONE, FAILED or CANCELLED.
	 * @param job the finished job
	 * @param took time from acceptance to the terminal state
	 */
	default void provisioningFinished(ProvisioningJob job, Duration took) {
	}

	/**
	 * A worker found that its lease had been taken over, and stopped driving the job.
	 * @param lease the lost lease
	 */
	default void leaseLost(Lease lease) {
	}

}
