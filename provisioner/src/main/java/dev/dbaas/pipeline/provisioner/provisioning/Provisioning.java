package dev.dbaas.pipeline.provisioner.provisioning;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;

import dev.dbaas.pipeline.provisioner.provisioning.StepOutcome.Completed;
import dev.dbaas.pipeline.provisioner.provisioning.StepOutcome.Rejected;
import dev.dbaas.pipeline.provisioner.provisioning.StepOutcome.TransientError;
import org.jspecify.annotations.Nullable;

/**
 * The provisioning use cases: accept an order, drive a claimed job through its steps, and
 * time out overdue jobs.
 *
 * <p>
 * Thread-safe: one instance serves the listener and every worker thread.
 */
public class Provisioning {

	private final ProvisioningJobs jobs;

	private final ProvisioningBackend backend;

	private final RetryPolicy retryPolicy;

	private final Duration timeout;

	private final ProvisioningObserver observer;

	private final Clock clock;

	private final CredentialsSeal credentials;

	/**
	 * Creates the use cases.
	 * @param jobs the job store
	 * @param backend where steps are performed
	 * @param retryPolicy how transient errors are retried
	 * @param timeout how long a provisioning may take before it fails
	 * @param observer hears about steps and outcomes
	 * @param clock the time source
	 */
	public Provisioning(ProvisioningJobs jobs, ProvisioningBackend backend, RetryPolicy retryPolicy, Duration timeout,
			ProvisioningObserver observer, Clock clock) {
		this(jobs, backend, retryPolicy, timeout, observer, clock, CredentialsSeal.NONE);
	}

	/**
	 * Creates the use cases, sealing each provisioned database's admin credentials into
	 * its DONE event.
	 * @param jobs the job store
	 * @param backend where steps are performed
	 * @param retryPolicy how transient errors are retried
	 * @param timeout how long a provisioning may take before it fails
	 * @param observer hears about steps and outcomes
	 * @param clock the time source
	 * @param credentials seals the admin credentials after the health check
	 */
	public Provisioning(ProvisioningJobs jobs, ProvisioningBackend backend, RetryPolicy retryPolicy, Duration timeout,
			ProvisioningObserver observer, Clock clock, CredentialsSeal credentials) {
		this.jobs = Objects.requireNonNull(jobs, "jobs");
		this.backend = Objects.requireNonNull(backend, "backend");
		this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
		this.timeout = Objects.requireNonNull(timeout, "timeout");
		this.observer = Objects.requireNonNull(observer, "observer");
		this.clock = Objects.requireNonNull(clock, "clock");
		this.credentials = Objects.requireNonNull(credentials, "credentials");
	}

	/**
	 * Accepts an order for provisioning. Idempotent by order id: a redelivered order
	 * changes nothing.
	 * @param order the order
	 * @return {@code true} if the order was new
	 */
	public boolean accept(DatabaseOrder order) {
		return this.jobs.add(ProvisioningJob.accept(order, now(), this.timeout));
	}

	/**
	 * Accepts placed orders for provisioning in one write (the orders of one batch of
	 * records). Idempotent by order id, each order on its own.
	 * @param orders the orders, each with the trace context to store with its job
	 * @return for each order, in order, {@code true} if it was new
	 */
	public List<Boolean> acceptAll(List<Placed> orders) {
		Instant now = now();
		return this.jobs.addAll(orders.stream()
			.map((placed) -> new NewJob(ProvisioningJob.accept(placed.order(), now, this.timeout),
					placed.traceParent()))
			.toList());
	}

	/**
	 * A placed order and the trace context of the record that placed it.
	 *
	 * @param order the order
	 * @param traceParent the W3C {@code traceparent} to store with its job, or
	 * {@code null}
	 */
	public record Placed(DatabaseOrder order, @Nullable String traceParent) {
	}

	/**
	 * Drives a claimed job step by step until it is terminal, waits for a retry, is
	 * handed back, or its lease is lost. Each step's outcome and its event are stored
	 * before the next step starts, so a crash repeats at most the step under way (which
	 * the backend makes idempotent). At every step boundary a create checks whether a
	 * DELETE of its instance asked it to stop; if so, the backend releases what the
	 * create allocated and the create ends CANCELLED.
	 * @param claimed the job and its lease
	 * @param handBack asked before each step; {@code true} stops driving and releases the
	 * lease (graceful shutdown)
	 * @throws InterruptedException if interrupted during a step; the lease is then
	 * neither released nor renewed by this method
	 */
	public void drive(ClaimedJob claimed, BooleanSupplier handBack) throws InterruptedException {
		Lease lease = claimed.lease();
		ProvisioningJob job = claimed.job();
		while (!job.isFinished()) {
			if (handBack.getAsBoolean()) {
				this.jobs.release(lease);
				return;
			}
			if (job.cancelRequested() && job.order().type() == OrderType.CREATE) {
				cancel(lease, job);
				return;
			}
			if (job.isPastDeadline(now())) {
				finish(lease, job, job.timeOut(now()));
				return;
			}
			ProvisioningStep step = job.step();
			StepOutcome outcome = perform(job.order(), step, job.attempt());
			Instant now = now();
			Transition transition = apply(job, step, outcome, now);
			ProvisioningJob next = transition.job();
			if (next.isFinished()) {
				finish(lease, job, transition);
				return;
			}
			if (next.dueAt().isAfter(now)) {
				if (!this.jobs.recordAndRelease(lease, transition)) {
					this.observer.leaseLost(lease);
				}
				return;
			}
			Recorded recorded = this.jobs.recordAndHold(lease, transition);
			if (recorded == Recorded.LEASE_LOST) {
				this.observer.leaseLost(lease);
				return;
			}
			job = (recorded == Recorded.HELD_CANCEL_REQUESTED) ? next.withCancelRequested() : next;
		}
	}

	/**
	 * Fails jobs whose instance lives on a provisioner host that has been silent for
	 * longer than {@code hostTimeout}, with {@code INSTANCE_HOST_UNAVAILABLE} and
	 * {@code instanceUsable=false}: visibly, instead of waiting for a host that may never
	 * come back. A host that does come back finds them terminal.
	 * @param hostTimeout how long a host may be silent
	 * @param limit most jobs to fail in one call
	 * @return how many jobs failed
	 */
	public int failStranded(Duration hostTimeout, int limit) {
		Instant now = now();
		int failed = 0;
		for (StrandedJob stranded : this.jobs.stranded(hostTimeout, limit)) {
			ProvisioningJob job = stranded.job();
			Transition transition = job.hostUnavailable(stranded.host(), stranded.silentFor(), now);
			if (this.jobs.recordIfUnchanged(job, transition)) {
				failed++;
				this.observer.provisioningFinished(transition.job(), Duration.between(job.startedAt(), now));
			}
		}
		return failed;
	}

	/**
	 * Fails jobs whose deadline passed with {@code PROVISIONING_TIMEOUT}, including jobs
	 * whose worker is stuck in a step. A stuck worker's later writes are then fenced off.
	 * @param limit most jobs to time out in one call
	 * @return how many jobs were timed out
	 */
	public int timeOutOverdue(int limit) {
		Instant now = now();
		int timedOut = 0;
		for (ProvisioningJob job : this.jobs.overdue(now, limit)) {
			Transition transition = job.timeOut(now);
			if (this.jobs.recordIfUnchanged(job, transition)) {
				timedOut++;
				this.observer.provisioningFinished(transition.job(), Duration.between(job.startedAt(), now));
			}
		}
		return timedOut;
	}

	private Transition apply(ProvisioningJob job, ProvisioningStep step, StepOutcome outcome, Instant now) {
		if (outcome instanceof Completed completed) {
			SealedCredentials sealed = (job.isLastStep(step) && job.order().type() == OrderType.CREATE)
					? this.credentials.sealFor(job.order()).orElse(null) : null;
			return job.completeStep(step, completed.instance(), completed.observed(), sealed, now);
		}
		if (outcome instanceof TransientError error) {
			return job.retryLater(step, error.reason(), this.retryPolicy, now);
		}
		Rejected rejected = (Rejected) outcome;
		return job.fail(rejected.failure(), rejected.instanceUsable(), now);
	}

	/**
	 * Releases what a cancelled create allocated, then ends it CANCELLED. A release that
	 * fails transiently is retried like a step (the create stays at its step, due later);
	 * one that is refused fails the create, and the DELETE after it cleans up.
	 */
	private void cancel(Lease lease, ProvisioningJob job) throws InterruptedException {
		long started = System.nanoTime();
		StepOutcome outcome;
		try {
			outcome = this.backend.release(job.order());
		}
		catch (RuntimeException ex) {
			outcome = new TransientError("backend release failed: " + ex);
		}
		this.observer.released(job.order(), outcome, Duration.ofNanos(System.nanoTime() - started));
		Instant now = now();
		Transition transition;
		if (outcome instanceof Completed) {
			transition = job.cancel(now);
		}
		else if (outcome instanceof TransientError error) {
			transition = job.retryLater(job.step(), "release after cancel: " + error.reason(), this.retryPolicy, now);
		}
		else {
			transition = job.fail(((Rejected) outcome).failure(), now);
		}
		if (transition.job().isFinished()) {
			finish(lease, job, transition);
		}
		else if (!this.jobs.recordAndRelease(lease, transition)) {
			this.observer.leaseLost(lease);
		}
	}

	private StepOutcome perform(DatabaseOrder order, ProvisioningStep step, int attempt) throws InterruptedException {
		long started = System.nanoTime();
		StepOutcome outcome;
		try {
			outcome = this.backend.perform(order, step, attempt);
		}
		catch (RuntimeException ex) {
			// An unexpected backend failure (network, bug) is treated like a transient
			// error: retried a bounded number of times, then the order fails visibly.
			outcome = new TransientError("backend call failed: " + ex);
		}
		this.observer.stepPerformed(order, step, outcome, Duration.ofNanos(System.nanoTime() - started));
		return outcome;
	}

	private void finish(Lease lease, ProvisioningJob before, Transition transition) {
		if (this.jobs.recordAndRelease(lease, transition)) {
			this.observer.provisioningFinished(transition.job(),
					Duration.between(before.startedAt(), transition.job().dueAt()));
		}
		else {
			this.observer.leaseLost(lease);
		}
	}

	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

}
