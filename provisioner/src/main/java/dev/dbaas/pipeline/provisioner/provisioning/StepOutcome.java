package dev.dbaas.pipeline.provisioner.provisioning;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What a {@link ProvisioningBackend} reports for one step.
 */
public sealed interface StepOutcome {

	/**
	 * The step is done (now, or already by an earlier call for the same order and step).
	 *
	 * @param instance connection facts; required after
	 * {@link ProvisioningStep#HEALTH_CHECK}, {@code null} otherwise
	 */
	record Completed(@Nullable InstanceFacts instance) implements StepOutcome {

		/**
		 * A completed step that reports no connection facts.
		 * @return the outcome
		 */
		public static Completed step() {
			return new Completed(null);
		}

	}

	/**
	 * The step failed but may succeed when tried again later.
	 *
	 * @param reason what went wrong, for people
	 */
	record TransientError(String reason) implements StepOutcome {

		public TransientError {
			Objects.requireNonNull(reason, "reason");
		}

	}

	/**
	 * The step failed for good; trying again will not help.
	 *
	 * @param failure the stable code and a message
	 */
	record Rejected(Failure failure) implements StepOutcome {

		public Rejected {
			Objects.requireNonNull(failure, "failure");
		}

	}

}
