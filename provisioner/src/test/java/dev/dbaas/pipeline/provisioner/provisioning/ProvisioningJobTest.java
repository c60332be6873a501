package dev.dbaas.pipeline.provisioner.provisioning;

import java.time.Duration;

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

}
