package dev.dbaas.pipeline.provisioner.provisioning;

import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * A job's new state and the event it emits, to be stored in one transaction.
 *
 * @param job the job after the change
 * @param event the status event, or {@code null} when the change is internal (a retry
 * scheduled)
 */
public record Transition(ProvisioningJob job, @Nullable ProvisioningEvent event) {

	public Transition {
		Objects.requireNonNull(job, "job");
		if (event != null && event.sequence() != job.sequence()) {
			throw new IllegalArgumentException(
					"event sequence " + event.sequence() + " differs from the job's " + job.sequence());
		}
	}

	/**
	 * The status event, if the change emits one.
	 * @return the event
	 */
	public Optional<ProvisioningEvent> emitted() {
		return Optional.ofNullable(this.event);
	}

}
