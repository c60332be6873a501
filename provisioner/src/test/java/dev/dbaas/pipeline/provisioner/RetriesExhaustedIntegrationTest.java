package dev.dbaas.pipeline.provisioner;

import java.time.Duration;

import dev.dbaas.pipeline.events.OrderPlaced;
import dev.dbaas.pipeline.events.OrderStatus;
import dev.dbaas.pipeline.events.OrderStatusChanged;
import dev.dbaas.pipeline.provisioner.support.BackendCalls;
import dev.dbaas.pipeline.provisioner.support.Orders;
import dev.dbaas.pipeline.provisioner.support.ProvisionerTopics;
import dev.dbaas.pipeline.testkit.PipelineEnvironment;
import dev.dbaas.pipeline.testkit.RealInfrastructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A simulation in which attaching storage keeps failing transiently, beyond the retry
 * bound of two retries.
 */
@RealInfrastructure
@SpringBootTest(properties = { "provisioner.simulation.step-latency=10ms",
		"provisioner.simulation.steps.attach-storage.transient-errors-before-success=100",
		"provisioner.provisioning.retry.max-retries=2", "provisioner.provisioning.retry.initial-backoff=50ms",
		"provisioner.workers.poll-interval=20ms", "provisioner.outbox.poll-interval=20ms" })
@DirtiesContext
class RetriesExhaustedIntegrationTest {

	@RegisterExtension
	static final ProvisionerTopics topics = new ProvisionerTopics();

	@Test
	void failsWithRetriesExhaustedAfterTheBoundedNumberOfRetries(PipelineEnvironment env) {
		OrderPlaced order = Orders.anOrderPlaced().build();

		topics.place(order);

		OrderStatusChanged failed = topics.awaitTerminal(order.getOrderId(), Duration.ofSeconds(30));
		assertThat(failed.getStatus()).isEqualTo(OrderStatus.FAILED);
		assertThat(failed.getFailure().getCode()).isEqualTo("PROVISIONING_RETRIES_EXHAUSTED");
		assertThat(failed.getFailure().getMessage()).contains("ATTACH_STORAGE").contains("3 times");
		assertThat(new BackendCalls(env.dataSource()).of(order.getOrderId())).containsExactly("ALLOCATE_NODE:EXECUTED",
				"ATTACH_STORAGE:TRANSIENT_ERROR", "ATTACH_STORAGE:TRANSIENT_ERROR", "ATTACH_STORAGE:TRANSIENT_ERROR");
	}

}
