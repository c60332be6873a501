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
	 * {@link ProvisioningStep#HEALTH_CHECK}, optional after
	 * {@link ProvisioningStep#VERIFY_SETTINGS}, {@code null} otherwise
	 * @param observed the settings read back from the running server; required after
	 * {@link ProvisioningStep#VERIFY_SETTINGS}, reported after
	 * {@link ProvisioningStep#HEALTH_CHECK} where the backend can, {@code null} otherwise
	 */
	record Completed(@Nullable InstanceFacts instance, @Nullable ObservedSettings observed) implements StepOutcome {

		/**
		 * A completed step that reports connection facts only.
		 * @param instance connection facts, or {@code null}
		 */
		public Completed(@Nullable InstanceFacts instance) {
			this(instance, null);
		}

		/**
		 * A completed step that reports no connection facts.
		 * @return the outcome
		 */
		public static Completed step() {
			return new Completed(null, null);
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
	 * @param instanceUsable for a change: whether the instance still serves with its
	 * settings from before the order, as far as the backend knows; {@code null} leaves it
	 * to the step's default ({@link ProvisioningStep#usableAfterFailure()})
	 */
	record Rejected(Failure failure, @Nullable Boolean instanceUsable) implements StepOutcome {

		public Rejected {
			Objects.requireNonNull(failure, "failure");
		}

		/**
		 * A rejection that says nothing about the instance's usability.
		 * @param failure the stable code and a message
		 */
		public Rejected(Failure failure) {
			this(failure, null);
		}

	}

}
