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
 * A simulation in which installing the engine always fails for good.
 */
@RealInfrastructure
@SpringBootTest(properties = { "provisioner.simulation.step-latency=10ms",
		"provisioner.simulation.steps.install-engine.failure-probability=1.0", "provisioner.workers.poll-interval=20ms",
		"provisioner.outbox.poll-interval=20ms" })
@DirtiesContext
class StepFailureIntegrationTest {

	@RegisterExtension
	static final ProvisionerTopics topics = new ProvisionerTopics();

	@Test
	void reportsAnInjectedStepFailureWithItsStableCodeAndAMessage(PipelineEnvironment env) {
		OrderPlaced order = Orders.anOrderPlaced().build();

		topics.place(order);

		OrderStatusChanged failed = topics.awaitTerminal(order.getOrderId(), Duration.ofSeconds(30));
		assertThat(failed.getStatus()).isEqualTo(OrderStatus.FAILED);
		assertThat(failed.getFailure().getCode()).isEqualTo("ENGINE_INSTALLATION_FAILED");
		assertThat(failed.getFailure().getMessage()).contains("install engine").contains(order.getOrderId());
		assertThat(failed.getStep()).isEqualTo("INSTALL_ENGINE");
		assertThat(failed.getInstance()).isNull();
		assertThat(topics.eventsOf(order.getOrderId())).extracting(OrderStatusChanged::getSequence)
			.containsExactly(1L, 2L, 3L, 4L, 5L);
		assertThat(new BackendCalls(env.dataSource()).of(order.getOrderId())).as("no step after the failed one")
			.containsExactly("ALLOCATE_NODE:EXECUTED", "ATTACH_STORAGE:EXECUTED", "CONFIGURE_FIREWALL:EXECUTED",
					"INSTALL_ENGINE:REJECTED");
	}

}
