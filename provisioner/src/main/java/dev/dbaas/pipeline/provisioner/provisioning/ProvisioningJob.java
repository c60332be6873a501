package dev.dbaas.pipeline.provisioner.provisioning;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import dev.dbaas.pipeline.provisioner.provisioning.ProvisioningEvent.DatabaseProvisioned;
import dev.dbaas.pipeline.provisioner.provisioning.ProvisioningEvent.ProvisioningAdvanced;
import dev.dbaas.pipeline.provisioner.provisioning.ProvisioningEvent.ProvisioningFailed;
import dev.dbaas.pipeline.provisioner.provisioning.ProvisioningEvent.ProvisioningStarted;
import org.jspecify.annotations.Nullable;

/**
 * One order's way through the provisioning steps. Immutable: every change returns a
 * {@link Transition} with the changed job and the event to publish, and refuses changes
 * that would be illegal (e.g. a second terminal status).
 *
 * @param order what to provision
 * @param state where the job stands
 * @param step the step under way (or, when terminal, the last step worked on)
 * @param attempt transient failures of {@code step} so far
 * @param sequence sequence number of the last event emitted
 * @param startedAt when the provisioner accepted the order
 * @param dueAt when the current step may run (later than now while a retry waits)
 * @param deadline when provisioning fails with {@code PROVISIONING_TIMEOUT}
 * @param instance connection facts once DONE, {@code null} before
 * @param failure why it failed once FAILED, {@code null} otherwise
 */
public record ProvisioningJob(DatabaseOrder order, JobState state, ProvisioningStep step, int attempt, long sequence,
		Instant startedAt, Instant dueAt, Instant deadline, @Nullable InstanceFacts instance,
		@Nullable Failure failure) {

	public ProvisioningJob {
		Objects.requireNonNull(order, "order");
		Objects.requireNonNull(state, "state");
		Objects.requireNonNull(step, "step");
		Objects.requireNonNull(startedAt, "startedAt");
		Objects.requireNonNull(dueAt, "dueAt");
		Objects.requireNonNull(deadline, "deadline");
		if (attempt < 0 || sequence < 1) {
			throw new IllegalArgumentException("attempt must be >= 0 and sequence >= 1");
		}
		if ((state == JobState.DONE) != (instance != null)) {
			throw new IllegalArgumentException("a job has connection facts exactly when it is DONE");
		}
		if ((state == JobState.FAILED) != (failure != null)) {
			throw new IllegalArgumentException("a job has a failure exactly when it is FAILED");
		}
	}

	/**
	 * Accepts an order: the job starts at the first step, due now.
	 * @param order the order
	 * @param now the current time
	 * @param timeout how long provisioning may take before it fails
	 * @return the new job and its {@link ProvisioningStarted} event (sequence 1)
	 */
	public static Transition accept(DatabaseOrder order, Instant now, Duration timeout) {
		ProvisioningStep first = ProvisioningStep.first();
		ProvisioningJob job = new ProvisioningJob(order, JobState.PROCESSING, first, 0, 1, now, now, now.plus(timeout),
				null, null);
		return new Transition(job,
				new ProvisioningStarted(order.orderId(), order.instanceId(), order.customerId(), 1, now, first));
	}

	/**
	 * The order's id.
	 * @return the id
	 */
	public OrderId orderId() {
		return this.order.orderId();
	}

	/**
	 * Whether the job is DONE or FAILED.
	 * @return {@code true} if nothing will happen to it any more
	 */
	public boolean isFinished() {
		return this.state.isTerminal();
	}

	/**
	 * Whether the deadline has passed.
	 * @param now the current time
	 * @return {@code true} at or after the deadline
	 */
	public boolean isPastDeadline(Instant now) {
		return !now.isBefore(this.deadline);
	}

	/**
	 * Marks {@code completed} as done. After the health check the job is DONE; otherwise
	 * it moves on to the next step, due at once.
	 * @param completed the step that completed; must be the current step
	 * @param instance connection facts, required after the health check
	 * @param now the current time
	 * @return the transition with a {@link ProvisioningAdvanced} or
	 * {@link DatabaseProvisioned} event
	 */
	public Transition completeStep(ProvisioningStep completed, @Nullable InstanceFacts instance, Instant now) {
		return completeStep(completed, instance, null, now);
	}

	/**
	 * Records that the current step completed, with the sealed admin credentials that the
	 * DONE event carries after the health check.
	 * @param completed the step that completed; must be the current one
	 * @param instance connection facts, required after the health check
	 * @param credentials sealed admin credentials, or {@code null}
	 * @param now the current time
	 * @return the transition with a {@link ProvisioningAdvanced} or
	 * {@link DatabaseProvisioned} event
	 */
	public Transition completeStep(ProvisioningStep completed, @Nullable InstanceFacts instance,
			@Nullable SealedCredentials credentials, Instant now) {
		requireAt(completed);
		long next = this.sequence + 1;
		if (completed.isLast()) {
			if (instance == null) {
				throw new IllegalArgumentException("the health check must report the instance's connection facts");
			}
			ProvisioningJob done = new ProvisioningJob(this.order, JobState.DONE, completed, 0, next, this.startedAt,
					now, this.deadline, instance, null);
			return new Transition(done, new DatabaseProvisioned(orderId(), this.order.instanceId(),
					this.order.customerId(), next, now, completed, instance, credentials));
		}
		ProvisioningStep following = completed.next().orElseThrow();
		ProvisioningJob advanced = new ProvisioningJob(this.order, JobState.PROCESSING, following, 0, next,
				this.startedAt, now, this.deadline, null, null);
		return new Transition(advanced, new ProvisioningAdvanced(orderId(), this.order.instanceId(),
				this.order.customerId(), next, now, following));
	}

	/**
	 * Records a transient error of the current step: the step is retried after a backoff,
	 * or, once the policy allows no more retries, the job fails with
	 * {@code PROVISIONING_RETRIES_EXHAUSTED}.
	 * @param failed the step that failed; must be the current step
	 * @param reason what went wrong
	 * @param policy retry bound and backoff
	 * @param now the current time
	 * @return a transition without event (retry scheduled) or with
	 * {@link ProvisioningFailed}
	 */
	public Transition retryLater(ProvisioningStep failed, String reason, RetryPolicy policy, Instant now) {
		requireAt(failed);
		int failedAttempts = this.attempt + 1;
		if (!policy.allowsRetryAfter(failedAttempts)) {
			return fail(new Failure(FailureCode.PROVISIONING_RETRIES_EXHAUSTED, "Step " + failed + " failed "
					+ failedAttempts + " times with transient errors; last error: " + reason), now);
		}
		Instant due = now.plus(policy.backoffAfter(failedAttempts));
		return new Transition(new ProvisioningJob(this.order, JobState.PROCESSING, this.step, failedAttempts,
				this.sequence, this.startedAt, due, this.deadline, null, null), null);
	}

	/**
	 * Fails the job for good at its current step.
	 * @param why stable code and message
	 * @param now the current time
	 * @return the transition with a {@link ProvisioningFailed} event
	 */
	public Transition fail(Failure why, Instant now) {
		requireInProgress();
		long next = this.sequence + 1;
		ProvisioningJob failed = new ProvisioningJob(this.order, JobState.FAILED, this.step, this.attempt, next,
				this.startedAt, now, this.deadline, null, why);
		return new Transition(failed, new ProvisioningFailed(orderId(), this.order.instanceId(),
				this.order.customerId(), next, now, this.step, why));
	}

	/**
	 * Fails the job with {@code PROVISIONING_TIMEOUT} because its deadline passed.
	 * @param now the current time, at or after the deadline
	 * @return the transition with a {@link ProvisioningFailed} event
	 */
	public Transition timeOut(Instant now) {
		if (!isPastDeadline(now)) {
			throw new IllegalJobTransition("order " + orderId() + " is not past its deadline " + this.deadline);
		}
		Duration allowed = Duration.between(this.startedAt, this.deadline);
		return fail(new Failure(FailureCode.PROVISIONING_TIMEOUT, "Provisioning did not finish within " + allowed
				+ " (deadline " + this.deadline + "); it stopped at step " + this.step + "."), now);
	}

	private void requireInProgress() {
		if (isFinished()) {
			throw new IllegalJobTransition("order " + orderId() + " is already " + this.state);
		}
	}

	private void requireAt(ProvisioningStep reported) {
		requireInProgress();
		if (reported != this.step) {
			throw new IllegalJobTransition("order " + orderId() + " is at step " + this.step + ", not at " + reported);
		}
	}

}
