package dev.dbaas.pipeline.provisioner;

import java.time.Duration;

import dev.dbaas.pipeline.events.OrderPlaced;
import dev.dbaas.pipeline.events.OrderStatus;
import dev.dbaas.pipeline.events.OrderStatusChanged;
import dev.dbaas.pipeline.provisioner.support.Orders;
import dev.dbaas.pipeline.provisioner.support.ProvisionerTopics;
import dev.dbaas.pipeline.testkit.RealInfrastructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A deadline of one second against an engine installation that takes five: the order is
 * failed while its worker is still stuck in the step, and the late step result is fenced
 * off.
 */
@RealInfrastructure
@SpringBootTest(properties = { "provisioner.provisioning.timeout=1s", "provisioner.simulation.step-latency=10ms",
		"provisioner.simulation.steps.install-engine.latency=5s", "provisioner.workers.deadline-sweep-interval=200ms",
		"provisioner.workers.shutdown-grace=1s", "provisioner.workers.poll-interval=20ms",
		"provisioner.outbox.poll-interval=20ms" })
@DirtiesContext
class DeadlineIntegrationTest {

	@RegisterExtension
	static final ProvisionerTopics topics = new ProvisionerTopics();

	@Test
	void failsWithProvisioningTimeoutWhenTheDeadlinePassesDuringAStep() {
		OrderPlaced order = Orders.anOrderPlaced().build();

		topics.place(order);

		OrderStatusChanged failed = topics.awaitTerminal(order.getOrderId(), Duration.ofSeconds(20));
		assertThat(failed.getStatus()).isEqualTo(OrderStatus.FAILED);
		assertThat(failed.getFailure().getCode()).isEqualTo("PROVISIONING_TIMEOUT");
		assertThat(failed.getFailure().getMessage()).contains("INSTALL_ENGINE");
		assertThat(failed.getStep()).isEqualTo("INSTALL_ENGINE");
	}

}
