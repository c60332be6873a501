package dev.dbaas.pipeline.provisioner.provisioning;

import java.time.Duration;
import java.util.List;

import dev.dbaas.pipeline.provisioner.provisioning.ProvisioningEvent.DatabaseProvisioned;
import dev.dbaas.pipeline.provisioner.provisioning.ProvisioningEvent.ProvisioningAdvanced;
import dev.dbaas.pipeline.provisioner.provisioning.ProvisioningEvent.ProvisioningFailed;
import dev.dbaas.pipeline.provisioner.provisioning.ProvisioningEvent.ProvisioningStarted;
import org.junit.jupiter.api.Test;

import static dev.dbaas.pipeline.provisioner.provisioning.Jobs.NOW;
import static dev.dbaas.pipeline.provisioner.provisioning.Jobs.anInstance;
import static dev.dbaas.pipeline.provisioner.provisioning.Jobs.anOrder;
import static dev.dbaas.pipeline.provisioner.provisioning.Jobs.atHealthCheck;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ProvisioningJobTest {

	private static final RetryPolicy TWO_RETRIES = new RetryPolicy(2, Duration.ofSeconds(1), 2.0,
			Duration.ofMinutes(1));

	@Test
	void startsAtTheFirstStepWithSequenceOneAndIsDueAtOnce() {
		Transition accepted = ProvisioningJob.accept(anOrder(), NOW, Duration.ofMinutes(30));

		assertThat(accepted.job().state()).isEqualTo(JobState.PROCESSING);
		assertThat(accepted.job().step()).isEqualTo(ProvisioningStep.ALLOCATE_NODE);
		assertThat(accepted.job().dueAt()).isEqualTo(NOW);
		assertThat(accepted.job().deadline()).isEqualTo(NOW.plus(Duration.ofMinutes(30)));
		assertThat(accepted.event()).isInstanceOf(ProvisioningStarted.class);
		assertThat(accepted.event().sequence()).isEqualTo(1);
	}

	@Test
	void announcesEachNextStepWithTheNextSequence() {
		ProvisioningJob job = ProvisioningJob.accept(anOrder(), NOW, Duration.ofMinutes(30)).job();

		Transition advanced = job.completeStep(ProvisioningStep.ALLOCATE_NODE, null, NOW);

		assertThat(advanced.job().step()).isEqualTo(ProvisioningStep.ATTACH_STORAGE);
		assertThat(advanced.event()).isInstanceOf(ProvisioningAdvanced.class);
		assertThat(advanced.event().sequence()).isEqualTo(2);
		assertThat(advanced.event().step()).isEqualTo(ProvisioningStep.ATTACH_STORAGE);
	}

	@Test
	void isDoneOnlyAfterThePassedHealthCheckWithConnectionFacts() {
		Transition done = atHealthCheck().completeStep(ProvisioningStep.HEALTH_CHECK, anInstance(), NOW);

		assertThat(done.job().state()).isEqualTo(JobState.DONE);
		assertThat(done.job().instance()).isEqualTo(anInstance());
		assertThat(done.event()).isInstanceOfSatisfying(DatabaseProvisioned.class,
				(event) -> assertThat(event.sequence()).isEqualTo(7));
	}

	@Test
	void refusesAHealthCheckWithoutConnectionFacts() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> atHealthCheck().completeStep(ProvisioningStep.HEALTH_CHECK, null, NOW));
	}

	@Test
	void refusesASecondTerminalStatus() {
		ProvisioningJob done = atHealthCheck().completeStep(ProvisioningStep.HEALTH_CHECK, anInstance(), NOW).job();

		assertThatExceptionOfType(IllegalJobTransition.class)
			.isThrownBy(() -> done.fail(new Failure(new FailureCode("SOMETHING"), "late failure"), NOW));
		assertThatExceptionOfType(IllegalJobTransition.class)
			.isThrownBy(() -> done.timeOut(NOW.plus(Duration.ofHours(1))));
	}

	@Test
	void refusesTheResultOfAStepItIsNotAt() {
		ProvisioningJob job = ProvisioningJob.accept(anOrder(), NOW, Duration.ofMinutes(30)).job();

		assertThatExceptionOfType(IllegalJobTransition.class)
			.isThrownBy(() -> job.completeStep(ProvisioningStep.INSTALL_ENGINE, null, NOW));
	}

	@Test
	void schedulesARetryWithBackoffAndWithoutAStatusEvent() {
		ProvisioningJob job = ProvisioningJob.accept(anOrder(), NOW, Duration.ofMinutes(30)).job();

		Transition first = job.retryLater(ProvisioningStep.ALLOCATE_NODE, "timeout", TWO_RETRIES, NOW);
		Transition second = first.job().retryLater(ProvisioningStep.ALLOCATE_NODE, "timeout", TWO_RETRIES, NOW);

		assertThat(first.event()).isNull();
		assertThat(first.job().attempt()).isEqualTo(1);
		assertThat(first.job().dueAt()).isEqualTo(NOW.plusSeconds(1));
		assertThat(second.job().dueAt()).isEqualTo(NOW.plusSeconds(2));
		assertThat(second.job().sequence()).isEqualTo(1);
	}

	@Test
	void failsWithRetriesExhaustedOnceTheBoundIsReached() {
		ProvisioningJob job = ProvisioningJob.accept(anOrder(), NOW, Duration.ofMinutes(30)).job();
		for (int i = 0; i < 2; i++) {
			job = job.retryLater(ProvisioningStep.ALLOCATE_NODE, "timeout", TWO_RETRIES, NOW).job();
		}

		Transition exhausted = job.retryLater(ProvisioningStep.ALLOCATE_NODE, "still timing out", TWO_RETRIES, NOW);

		assertThat(exhausted.job().state()).isEqualTo(JobState.FAILED);
		assertThat(exhausted.event()).isInstanceOfSatisfying(ProvisioningFailed.class, (failed) -> {
			assertThat(failed.failure().code()).isEqualTo(FailureCode.PROVISIONING_RETRIES_EXHAUSTED);
			assertThat(failed.failure().message()).contains("ALLOCATE_NODE", "3 times", "still timing out");
			assertThat(failed.sequence()).isEqualTo(2);
		});
	}

	@Test
	void timesOutOnlyAtOrAfterItsDeadline() {
		ProvisioningJob job = ProvisioningJob.accept(anOrder(), NOW, Duration.ofMinutes(30)).job();

		assertThatExceptionOfType(IllegalJobTransition.class)
			.isThrownBy(() -> job.timeOut(NOW.plus(Duration.ofMinutes(29))));
		Transition timedOut = job.timeOut(NOW.plus(Duration.ofMinutes(30)));
		assertThat(timedOut.job().failure().code()).isEqualTo(FailureCode.PROVISIONING_TIMEOUT);
		assertThat(timedOut.job().failure().message()).contains("PT30M", "ALLOCATE_NODE");
	}

	@Test
	void runsOnlyTheStepsOfWhatAnUpdateChanges() {
		DatabaseOrder update = change(OrderType.UPDATE, new InstanceChanges(null, "b4-8", null, null));
		ProvisioningJob job = ProvisioningJob.accept(update, NOW, Duration.ofMinutes(30)).job();

		assertThat(job.step()).isEqualTo(ProvisioningStep.APPLY_NODE_SIZE);
		Transition advanced = job.completeStep(ProvisioningStep.APPLY_NODE_SIZE, null, NOW);
		assertThat(advanced.job().step()).isEqualTo(ProvisioningStep.VERIFY_SETTINGS);
		assertThat(advanced.event().orderType()).isEqualTo(OrderType.UPDATE);
		assertThat(change(OrderType.UPDATE, new InstanceChanges(null, null, null, true)).steps())
			.as("deletion protection alone")
			.containsExactly(ProvisioningStep.VERIFY_SETTINGS);
	}

	@Test
	void anUpdateIsDoneOnlyWithTheSettingsItReadBack() {
		DatabaseOrder update = change(OrderType.UPDATE, new InstanceChanges(100, null, null, null));
		ProvisioningJob verifying = ProvisioningJob.accept(update, NOW, Duration.ofMinutes(30))
			.job()
			.completeStep(ProvisioningStep.APPLY_STORAGE, null, NOW)
			.job();

		assertThatIllegalArgumentException()
			.isThrownBy(() -> verifying.completeStep(ProvisioningStep.VERIFY_SETTINGS, null, NOW));
		ObservedSettings observed = new ObservedSettings("b2-4", 100, List.of("123.123.123.123/32"), null);
		Transition done = verifying.completeStep(ProvisioningStep.VERIFY_SETTINGS, null, observed, null, NOW);
		assertThat(done.job().state()).isEqualTo(JobState.DONE);
		assertThat(done.event()).isInstanceOfSatisfying(DatabaseProvisioned.class, (event) -> {
			assertThat(event.observed()).isEqualTo(observed);
			assertThat(event.credentials()).isNull();
		});
	}

	@Test
	void aFailedChangeSaysWhetherTheInstanceIsStillUsable() {
		DatabaseOrder delete = change(OrderType.DELETE, null);
		ProvisioningJob stopping = ProvisioningJob.accept(delete, NOW, Duration.ofMinutes(30)).job();
		Failure why = new Failure(ProvisioningStep.STOP_SERVER.failureCode(), "cannot stop");

		assertThat(stopping.fail(why, NOW).job().instanceUsable()).as("the step's default").isTrue();
		assertThat(stopping.fail(why, false, NOW).event()).isInstanceOfSatisfying(ProvisioningFailed.class,
				(failed) -> assertThat(failed.instanceUsable()).isFalse());
		assertThat(ProvisioningJob.accept(anOrder(), NOW, Duration.ofMinutes(30))
			.job()
			.fail(why, true, NOW)
			.job()
			.instanceUsable()).as("a create says nothing about usability").isNull();
	}

	@Test
	void cancelsOnlyACreateThatADeleteAskedToStop() {
		ProvisioningJob create = ProvisioningJob.accept(anOrder(), NOW, Duration.ofMinutes(30)).job();
		ProvisioningJob delete = ProvisioningJob.accept(change(OrderType.DELETE, null), NOW, Duration.ofMinutes(30))
			.job()
			.withCancelRequested();

		assertThatExceptionOfType(IllegalJobTransition.class).as("nobody asked").isThrownBy(() -> create.cancel(NOW));
		assertThatExceptionOfType(IllegalJobTransition.class).as("a delete").isThrownBy(() -> delete.cancel(NOW));
		Transition cancelled = create.withCancelRequested().cancel(NOW);
		assertThat(cancelled.job().state()).isEqualTo(JobState.CANCELLED);
		assertThat(cancelled.job().isFinished()).isTrue();
		assertThat(cancelled.event()).isInstanceOf(ProvisioningEvent.ProvisioningCancelled.class);
		assertThat(cancelled.event().sequence()).isEqualTo(2);
		assertThatExceptionOfType(IllegalJobTransition.class).as("a second terminal status")
			.isThrownBy(() -> cancelled.job().fail(new Failure(FailureCode.PROVISIONING_TIMEOUT, "late"), NOW));
	}

	@Test
	void failsAChangeOfASilentHostAsNotUsable() {
		ProvisioningJob job = ProvisioningJob
			.accept(change(OrderType.UPDATE, new InstanceChanges(100, null, null, null)), NOW, Duration.ofMinutes(30))
			.job();

		Transition failed = job.hostUnavailable("host-a", Duration.ofMinutes(3), NOW);

		assertThat(failed.job().failure().code()).isEqualTo(FailureCode.INSTANCE_HOST_UNAVAILABLE);
		assertThat(failed.job().failure().message()).contains("host-a", "180 s", "APPLY_STORAGE");
		assertThat(failed.job().instanceUsable()).isFalse();
	}

	@Test
	void refusesOrdersWhoseTypeAndVersionDisagree() {
		DatabaseOrder create = anOrder();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new DatabaseOrder(create.orderId(), create.instanceId(), "c-1", create.engine(), "b2-4",
					50, create.trustedSources(), create.region(), OrderType.CREATE, 2, null));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new DatabaseOrder(create.orderId(), create.instanceId(), "c-1", create.engine(), "b2-4",
					50, create.trustedSources(), create.region(), OrderType.DELETE, 1, null));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new DatabaseOrder(create.orderId(), create.instanceId(), "c-1", create.engine(), "b2-4",
					50, create.trustedSources(), create.region(), OrderType.UPDATE, 2, null));
	}

	private static DatabaseOrder change(OrderType type, InstanceChanges changes) {
		DatabaseOrder create = anOrder();
		return new DatabaseOrder(new OrderId("order-2"), create.instanceId(), create.customerId(), create.engine(),
				create.nodeSize(), 100, create.trustedSources(), create.region(), type, 2, changes);
	}

}
