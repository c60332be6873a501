package dev.dbaas.pipeline.provisioner.provisioning;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import dev.dbaas.pipeline.provisioner.provisioning.ProvisioningEvent.DatabaseProvisioned;
import dev.dbaas.pipeline.provisioner.provisioning.ProvisioningEvent.ProvisioningAdvanced;
import dev.dbaas.pipeline.provisioner.provisioning.ProvisioningEvent.ProvisioningCancelled;
import dev.dbaas.pipeline.provisioner.provisioning.ProvisioningEvent.ProvisioningFailed;
import dev.dbaas.pipeline.provisioner.provisioning.ProvisioningEvent.ProvisioningStarted;
import org.jspecify.annotations.Nullable;

/**
 * One order's way through the steps of its type ({@link DatabaseOrder#steps()}).
 * Immutable: every change returns a {@link Transition} with the changed job and the event
 * to publish, and refuses changes that would be illegal (e.g. a second terminal status, a
 * cancel of a change, a cancel nobody asked for).
 *
 * @param order what to provision, change or delete
 * @param state where the job stands
 * @param step the step under way (or, when terminal, the last step worked on)
 * @param attempt transient failures of {@code step} so far
 * @param sequence sequence number of the last event emitted
 * @param startedAt when the provisioner accepted the order
 * @param dueAt when the current step may run (later than now while a retry waits)
 * @param deadline when provisioning fails with {@code PROVISIONING_TIMEOUT}
 * @param instance connection facts once DONE (always for a create, where the backend
 * reports them for an update), {@code null} otherwise
 * @param failure why it failed once FAILED, {@code null} otherwise
 * @param observed the settings read back once DONE (an update always, a create where the
 * backend reports them), {@code null} otherwise
 * @param instanceUsable once a change FAILED: whether the instance still serves with its
 * settings from before; {@code null} otherwise
 * @param cancelRequested whether a DELETE of the instance asked this create to stop
 */
public record ProvisioningJob(DatabaseOrder order, JobState state, ProvisioningStep step, int attempt, long sequence,
		Instant startedAt, Instant dueAt, Instant deadline, @Nullable InstanceFacts instance, @Nullable Failure failure,
		@Nullable ObservedSettings observed, @Nullable Boolean instanceUsable, boolean cancelRequested) {

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
		if (!order.steps().contains(step)) {
			throw new IllegalArgumentException("a " + order.type() + " has no step " + step);
		}
		boolean done = state == JobState.DONE;
		if (instance != null && !done) {
			throw new IllegalArgumentException("a job has connection facts only when it is DONE");
		}
		if (done && order.type() == OrderType.CREATE && instance == null) {
			throw new IllegalArgumentException("a DONE create has connection facts");
		}
		if (observed != null && (!done || order.type() == OrderType.DELETE)) {
			throw new IllegalArgumentException("a job has observed settings only when a create or update is DONE");
		}
		if (done && order.type() == OrderType.UPDATE && observed == null) {
			throw new IllegalArgumentException("a DONE update has observed settings");
		}
		if ((state == JobState.FAILED) != (failure != null)) {
			throw new IllegalArgumentException("a job has a failure exactly when it is FAILED");
		}
		if ((state == JobState.FAILED && order.isChange()) != (instanceUsable != null)) {
			throw new IllegalArgumentException("a failed change, and only a failed change, says if it is usable");
		}
		if (state == JobState.CANCELLED && order.type() != OrderType.CREATE) {
			throw new IllegalArgumentException("only a create is cancelled");
		}
	}

	/**
	 * Accepts an order: the job starts at the first step of its type, due now.
	 * @param order the order
	 * @param now the current time
	 * @param timeout how long the job may take before it fails
	 * @return the new job and its {@link ProvisioningStarted} event (sequence 1)
	 */
	public static Transition accept(DatabaseOrder order, Instant now, Duration timeout) {
		ProvisioningStep first = order.steps().get(0);
		ProvisioningJob job = new ProvisioningJob(order, JobState.PROCESSING, first, 0, 1, now, now, now.plus(timeout),
				null, null, null, null, false);
		return new Transition(job, new ProvisioningStarted(order.orderId(), order.instanceId(), order.customerId(), 1,
				now, first, order.type()));
	}

	/**
	 * The order's id.
	 * @return the id
	 */
	public OrderId orderId() {
		return this.order.orderId();
	}

	/**
	 * Whether the job is terminal (DONE, FAILED or CANCELLED).
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
	 * Whether {@code step} is the last of this job's steps.
	 * @param step a step of this job
	 * @return {@code true} for the health check of a create, the verification of an
	 * update or of a delete
	 */
	public boolean isLastStep(ProvisioningStep step) {
		List<ProvisioningStep> steps = this.order.steps();
		return steps.get(steps.size() - 1) == step;
	}

	/**
	 * The same job, told that a DELETE of its instance asks it to stop (read from the
	 * store at a step boundary).
	 * @return the job with {@link #cancelRequested()} set
	 */
	public ProvisioningJob withCancelRequested() {
		return new ProvisioningJob(this.order, this.state, this.step, this.attempt, this.sequence, this.startedAt,
				this.dueAt, this.deadline, this.instance, this.failure, this.observed, this.instanceUsable, true);
	}

	/**
	 * Marks {@code completed} as done: after the last step the job is DONE; otherwise it
	 * moves on to the next step, due at once.
	 * @param completed the step that completed; must be the current step
	 * @param instance connection facts, required after a create's health check
	 * @param now the current time
	 * @return the transition with a {@link ProvisioningAdvanced} or
	 * {@link DatabaseProvisioned} event
	 */
	public Transition completeStep(ProvisioningStep completed, @Nullable InstanceFacts instance, Instant now) {
		return completeStep(completed, instance, null, null, now);
	}

	/**
	 * Records that the current step completed, with the sealed admin credentials that the
	 * DONE event of a create carries after the health check.
	 * @param completed the step that completed; must be the current one
	 * @param instance connection facts, required after a create's health check
	 * @param credentials sealed admin credentials, or {@code null}
	 * @param now the current time
	 * @return the transition with a {@link ProvisioningAdvanced} or
	 * {@link DatabaseProvisioned} event
	 */
	public Transition completeStep(ProvisioningStep completed, @Nullable InstanceFacts instance,
			@Nullable SealedCredentials credentials, Instant now) {
		return completeStep(completed, instance, null, credentials, now);
	}

	/**
	 * Records that the current step completed with what the backend reported.
	 * @param completed the step that completed; must be the current one
	 * @param instance connection facts, required after a create's health check
	 * @param observed settings read back, required after an update's verification
	 * @param credentials sealed admin credentials (a create's DONE only), or {@code null}
	 * @param now the current time
	 * @return the transition with a {@link ProvisioningAdvanced} or
	 * {@link DatabaseProvisioned} event
	 */
	public Transition completeStep(ProvisioningStep completed, @Nullable InstanceFacts instance,
			@Nullable ObservedSettings observed, @Nullable SealedCredentials credentials, Instant now) {
		requireAt(completed);
		long next = this.sequence + 1;
		OrderType type = this.order.type();
		if (isLastStep(completed)) {
			if (type == OrderType.CREATE && instance == null) {
				throw new IllegalArgumentException("the health check must report the instance's connection facts");
			}
			if (type == OrderType.UPDATE && observed == null) {
				throw new IllegalArgumentException("the verification must report the settings it read back");
			}
			InstanceFacts facts = (type == OrderType.DELETE) ? null : instance;
			ObservedSettings seen = (type == OrderType.DELETE) ? null : observed;
			SealedCredentials sealed = (type == OrderType.CREATE) ? credentials : null;
			ProvisioningJob done = new ProvisioningJob(this.order, JobState.DONE, completed, 0, next, this.startedAt,
					now, this.deadline, facts, null, seen, null, this.cancelRequested);
			return new Transition(done, new DatabaseProvisioned(orderId(), this.order.instanceId(),
					this.order.customerId(), next, now, completed, facts, sealed, seen, type));
		}
		List<ProvisioningStep> steps = this.order.steps();
		ProvisioningStep following = steps.get(steps.indexOf(completed) + 1);
		ProvisioningJob advanced = new ProvisioningJob(this.order, JobState.PROCESSING, following, 0, next,
				this.startedAt, now, this.deadline, null, null, null, null, this.cancelRequested);
		return new Transition(advanced, new ProvisioningAdvanced(orderId(), this.order.instanceId(),
				this.order.customerId(), next, now, following, type));
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
				this.sequence, this.startedAt, due, this.deadline, null, null, null, null, this.cancelRequested), null);
	}

	/**
	 * Fails the job for good at its current step; a failed change is usable or not as the
	 * step's default says ({@link ProvisioningStep#usableAfterFailure()}).
	 * @param why stable code and message
	 * @param now the current time
	 * @return the transition with a {@link ProvisioningFailed} event
	 */
	public Transition fail(Failure why, Instant now) {
		return fail(why, null, now);
	}

	/**
	 * Fails the job for good at its current step.
	 * @param why stable code and message
	 * @param instanceUsable for a change: whether the instance still serves with its old
	 * settings, {@code null} for the step's default; ignored for a create
	 * @param now the current time
	 * @return the transition with a {@link ProvisioningFailed} event
	 */
	public Transition fail(Failure why, @Nullable Boolean instanceUsable, Instant now) {
		requireInProgress();
		long next = this.sequence + 1;
		Boolean usable = null;
		if (this.order.isChange()) {
			usable = (instanceUsable != null) ? instanceUsable : this.step.usableAfterFailure();
		}
		ProvisioningJob failed = new ProvisioningJob(this.order, JobState.FAILED, this.step, this.attempt, next,
				this.startedAt, now, this.deadline, null, why, null, usable, this.cancelRequested);
		return new Transition(failed, new ProvisioningFailed(orderId(), this.order.instanceId(),
				this.order.customerId(), next, now, this.step, why, usable, this.order.type()));
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

	/**
	 * Fails the job with {@code INSTANCE_HOST_UNAVAILABLE}: the provisioner host that
	 * holds its instance has been silent too long, and no other host can act on it. The
	 * instance counts as not usable.
	 * @param host the silent host's id
	 * @param silentFor how long it has been silent (at least the host timeout)
	 * @param now the current time
	 * @return the transition with a {@link ProvisioningFailed} event
	 */
	public Transition hostUnavailable(String host, Duration silentFor, Instant now) {
		return fail(new Failure(FailureCode.INSTANCE_HOST_UNAVAILABLE,
				"The provisioner host " + host + " that holds instance " + this.order.instanceId()
						+ " has not been heard of for " + silentFor.toSeconds() + " s; the " + this.order.type()
						+ " cannot run on another host and stopped at step " + this.step + "."),
				false, now);
	}

	/**
	 * Ends a create that a DELETE of its instance asked to stop, after the backend
	 * released what the create had allocated.
	 * @param now the current time
	 * @return the transition with a {@link ProvisioningCancelled} event
	 * @throws IllegalJobTransition if the job is no create, is finished, or nobody asked
	 * for the cancel
	 */
	public Transition cancel(Instant now) {
		requireInProgress();
		if (this.order.type() != OrderType.CREATE) {
			throw new IllegalJobTransition(
					"order " + orderId() + " is a " + this.order.type() + "; only a create is cancelled");
		}
		if (!this.cancelRequested) {
			throw new IllegalJobTransition("nobody asked to cancel order " + orderId());
		}
		long next = this.sequence + 1;
		ProvisioningJob cancelled = new ProvisioningJob(this.order, JobState.CANCELLED, this.step, this.attempt, next,
				this.startedAt, now, this.deadline, null, null, null, null, true);
		return new Transition(cancelled, new ProvisioningCancelled(orderId(), this.order.instanceId(),
				this.order.customerId(), next, now, this.step, OrderType.CREATE));
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
