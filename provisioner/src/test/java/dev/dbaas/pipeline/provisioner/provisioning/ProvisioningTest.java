package dev.dbaas.pipeline.provisioner.provisioning;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;

import org.junit.jupiter.api.Test;

import static dev.dbaas.pipeline.provisioner.provisioning.Jobs.NOW;
import static dev.dbaas.pipeline.provisioner.provisioning.Jobs.anInstance;
import static dev.dbaas.pipeline.provisioner.provisioning.Jobs.anOrder;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Driving a job, with an in-memory store and a scripted backend.
 */
class ProvisioningTest {

	private final RememberingJobs jobs = new RememberingJobs();

	private final ScriptedBackend backend = new ScriptedBackend();

	private final Provisioning provisioning = new Provisioning(this.jobs, this.backend,
			new RetryPolicy(3, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(1)), Duration.ofMinutes(30),
			ProvisioningObserver.NONE, Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void drivesAJobThroughEveryStepAndRecordsOneEventPerStep() throws InterruptedException {
		this.provisioning.drive(claimed(), () -> false);

		assertThat(this.backend.performed).containsExactlyElementsOf(ProvisioningStep.CREATE_STEPS);
		assertThat(this.jobs.events).extracting(ProvisioningEvent::sequence).containsExactly(2L, 3L, 4L, 5L, 6L, 7L);
		assertThat(this.jobs.current.state()).isEqualTo(JobState.DONE);
		assertThat(this.jobs.released).isTrue();
	}

	@Test
	void givesTheJobBackForARetryAfterATransientError() throws InterruptedException {
		this.backend.script.add(new StepOutcome.TransientError("flaky"));

		this.provisioning.drive(claimed(), () -> false);

		assertThat(this.backend.performed).containsExactly(ProvisioningStep.ALLOCATE_NODE);
		assertThat(this.jobs.current.attempt()).isEqualTo(1);
		assertThat(this.jobs.current.dueAt()).isEqualTo(NOW.plusSeconds(1));
		assertThat(this.jobs.events).isEmpty();
		assertThat(this.jobs.released).isTrue();
	}

	@Test
	void handsTheJobBackBeforeTheNextStepWhenAskedToStop() throws InterruptedException {
		List<Boolean> answers = new ArrayList<>(List.of(false, false, true));

		this.provisioning.drive(claimed(), () -> answers.remove(0));

		assertThat(this.backend.performed).containsExactly(ProvisioningStep.ALLOCATE_NODE,
				ProvisioningStep.ATTACH_STORAGE);
		assertThat(this.jobs.current.step()).isEqualTo(ProvisioningStep.CONFIGURE_FIREWALL);
		assertThat(this.jobs.released).isTrue();
	}

	@Test
	void stopsDrivingAJobWhoseLeaseWasTakenOver() throws InterruptedException {
		this.jobs.leaseLost = true;

		this.provisioning.drive(claimed(), () -> false);

		assertThat(this.backend.performed).containsExactly(ProvisioningStep.ALLOCATE_NODE);
		assertThat(this.jobs.events).isEmpty();
	}

	@Test
	void treatsAnUnexpectedBackendExceptionAsATransientError() throws InterruptedException {
		this.backend.failWith = new IllegalStateException("connection reset");

		this.provisioning.drive(claimed(), () -> false);

		assertThat(this.jobs.current.attempt()).isEqualTo(1);
		assertThat(this.jobs.current.state()).isEqualTo(JobState.PROCESSING);
	}

	@Test
	void failsAJobThatIsPastItsDeadlineWithoutCallingTheBackend() throws InterruptedException {
		ProvisioningJob late = ProvisioningJob.accept(anOrder(), NOW.minus(Duration.ofHours(1)), Duration.ofMinutes(30))
			.job();

		this.provisioning.drive(new ClaimedJob(late, new Lease(late.orderId(), "w", "t")), () -> false);

		assertThat(this.backend.performed).isEmpty();
		assertThat(this.jobs.current.failure().code()).isEqualTo(FailureCode.PROVISIONING_TIMEOUT);
	}

	@Test
	void cancelsACreateAtTheNextStepBoundaryAfterTheBackendReleasedWhatItAllocated() throws InterruptedException {
		this.jobs.cancelAfterRecords = 2;

		this.provisioning.drive(claimed(), () -> false);

		assertThat(this.backend.performed).containsExactly(ProvisioningStep.ALLOCATE_NODE,
				ProvisioningStep.ATTACH_STORAGE);
		assertThat(this.backend.released).containsExactly(this.jobs.current.orderId());
		assertThat(this.jobs.current.state()).isEqualTo(JobState.CANCELLED);
		assertThat(this.jobs.current.step()).isEqualTo(ProvisioningStep.CONFIGURE_FIREWALL);
		assertThat(this.jobs.events).last().isInstanceOf(ProvisioningEvent.ProvisioningCancelled.class);
		assertThat(this.jobs.released).isTrue();
	}

	@Test
	void cancelsACreateThatStartsCancelledBeforeItsFirstStep() throws InterruptedException {
		ProvisioningJob job = ProvisioningJob.accept(anOrder(), NOW, Duration.ofMinutes(30))
			.job()
			.withCancelRequested();
		this.jobs.current = job;

		this.provisioning.drive(new ClaimedJob(job, new Lease(job.orderId(), "w", "t")), () -> false);

		assertThat(this.backend.performed).isEmpty();
		assertThat(this.backend.released).containsExactly(job.orderId());
		assertThat(this.jobs.current.state()).isEqualTo(JobState.CANCELLED);
	}

	@Test
	void failsTheChangesOfASilentHostAsNotUsable() {
		DatabaseOrder create = anOrder();
		DatabaseOrder delete = new DatabaseOrder(new OrderId("order-2"), create.instanceId(), "c-1001", create.engine(),
				"b2-4", 50, create.trustedSources(), create.region(), OrderType.DELETE, 2, null);
		ProvisioningJob waiting = ProvisioningJob.accept(delete, NOW, Duration.ofMinutes(30)).job();
		this.jobs.current = waiting;
		this.jobs.stranded = List.of(new StrandedJob(waiting, "host-a", Duration.ofMinutes(3)));

		assertThat(this.provisioning.failStranded(Duration.ofMinutes(2), 10)).isEqualTo(1);

		assertThat(this.jobs.current.state()).isEqualTo(JobState.FAILED);
		assertThat(this.jobs.current.failure().code()).isEqualTo(FailureCode.INSTANCE_HOST_UNAVAILABLE);
		assertThat(this.jobs.current.failure().message()).contains("host-a");
		assertThat(this.jobs.current.instanceUsable()).isFalse();
	}

	private ClaimedJob claimed() {
		ProvisioningJob job = ProvisioningJob.accept(anOrder(), NOW, Duration.ofMinutes(30)).job();
		this.jobs.current = job;
		return new ClaimedJob(job, new Lease(job.orderId(), "worker-1", "token-1"));
	}

	private static final class ScriptedBackend implements ProvisioningBackend {

		final Deque<StepOutcome> script = new ArrayDeque<>();

		final List<ProvisioningStep> performed = new ArrayList<>();

		final List<OrderId> released = new ArrayList<>();

		RuntimeException failWith;

		@Override
		public StepOutcome perform(DatabaseOrder order, ProvisioningStep step, int attempt) {
			this.performed.add(step);
			if (this.failWith != null) {
				throw this.failWith;
			}
			if (!this.script.isEmpty()) {
				return this.script.poll();
			}
			return (step == ProvisioningStep.HEALTH_CHECK) ? new StepOutcome.Completed(anInstance())
					: StepOutcome.Completed.step();
		}

		@Override
		public StepOutcome release(DatabaseOrder create) {
			this.released.add(create.orderId());
			return StepOutcome.Completed.step();
		}

	}

	private static final class RememberingJobs implements ProvisioningJobs {

		ProvisioningJob current;

		final List<ProvisioningEvent> events = new ArrayList<>();

		boolean released;

		boolean leaseLost;

		/** After this many held records, a DELETE asks the job to stop (0: never). */
		int cancelAfterRecords;

		List<StrandedJob> stranded = List.of();

		@Override
		public boolean add(Transition accepted) {
			this.current = accepted.job();
			return true;
		}

		@Override
		public List<Boolean> addAll(List<NewJob> accepted) {
			accepted.forEach((job) -> add(job.accepted()));
			return accepted.stream().map((job) -> true).toList();
		}

		@Override
		public List<ClaimedJob> claimDue(String owner, int limit) {
			return List.of();
		}

		@Override
		public Recorded recordAndHold(Lease lease, Transition transition) {
			if (!record(transition)) {
				return Recorded.LEASE_LOST;
			}
			return (this.cancelAfterRecords-- == 1) ? Recorded.HELD_CANCEL_REQUESTED : Recorded.HELD;
		}

		@Override
		public boolean recordAndRelease(Lease lease, Transition transition) {
			boolean recorded = record(transition);
			this.released = recorded;
			return recorded;
		}

		private boolean record(Transition transition) {
			if (this.leaseLost) {
				return false;
			}
			this.current = transition.job();
			transition.emitted().ifPresent(this.events::add);
			return true;
		}

		@Override
		public void release(Lease lease) {
			this.released = true;
		}

		@Override
		public int renew(Collection<Lease> leases) {
			return leases.size();
		}

		@Override
		public List<ProvisioningJob> overdue(Instant now, int limit) {
			return List.of();
		}

		@Override
		public boolean recordIfUnchanged(ProvisioningJob before, Transition transition) {
			return record(transition);
		}

		@Override
		public void heartbeat() {
		}

		@Override
		public List<StrandedJob> stranded(Duration hostTimeout, int limit) {
			return this.stranded;
		}

	}

}
