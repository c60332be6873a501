package dev.dbaas.pipeline.provisioner;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import dev.dbaas.pipeline.events.OrderPlaced;
import dev.dbaas.pipeline.events.OrderStatus;
import dev.dbaas.pipeline.events.OrderStatusChanged;
import dev.dbaas.pipeline.events.OrderType;
import dev.dbaas.pipeline.provisioner.support.BackendCalls;
import dev.dbaas.pipeline.provisioner.support.Orders;
import dev.dbaas.pipeline.provisioner.support.ProvisionerTopics;
import dev.dbaas.pipeline.testkit.PipelineEnvironment;
import dev.dbaas.pipeline.testkit.RealInfrastructure;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Change orders (UPDATE, DELETE) on a real broker and database with the simulation: each
 * runs its own steps and reports what it observed, an instance's orders run in version
 * order whatever order they arrive in, a DELETE cancels a create that is still running
 * (the backend releases what it allocated), and an order type this version does not know
 * is dead-lettered. Creates spend a second in INSTALL_ENGINE, so that a DELETE can catch
 * one under way.
 */
@RealInfrastructure
@SpringBootTest(properties = { "provisioner.simulation.step-latency=20ms",
		"provisioner.simulation.steps.install-engine.latency=1500ms",
		"provisioner.simulation.steps.apply-node-size.latency=300ms",
		"provisioner.provisioning.retry.initial-backoff=50ms", "provisioner.workers.poll-interval=20ms",
		"provisioner.outbox.poll-interval=20ms" })
@DirtiesContext
class ChangeOrdersIntegrationTest {

	private static final Duration WITHIN = Duration.ofSeconds(30);

	@RegisterExtension
	static final ProvisionerTopics topics = new ProvisionerTopics();

	@Autowired
	PrometheusMeterRegistry prometheus;

	@Test
	void anUpdateAppliesOnlyWhatItChangesAndReportsTheObservedSettings(PipelineEnvironment env) {
		OrderPlaced create = Orders.aCreate().build();
		topics.place(create);
		assertThat(topics.awaitTerminal(create.getOrderId(), WITHIN).getStatus()).isEqualTo(OrderStatus.DONE);

		OrderPlaced update = Orders.anUpdate(create, 2, Orders.changes(100, "b4-8", null)).build();
		topics.place(update);

		OrderStatusChanged done = topics.awaitTerminal(update.getOrderId(), WITHIN);
		assertThat(done.getStatus()).isEqualTo(OrderStatus.DONE);
		assertThat(done.getOrderType()).isEqualTo(OrderType.UPDATE);
		assertThat(done.getInstanceId()).isEqualTo(create.getInstanceId());
		assertThat(done.getCredentials()).as("only a create's DONE carries credentials").isNull();
		assertThat(done.getObserved().getStorageGb()).isEqualTo(100);
		assertThat(done.getObserved().getNodeSize()).isEqualTo("b4-8");
		assertThat(done.getObserved().getTrustedSources())
			.containsExactlyInAnyOrderElementsOf(create.getTrustedSources());
		assertThat(done.getObserved().getInterruptionMillis()).as("the simulated restart").isEqualTo(300L);
		assertThat(topics.eventsOf(update.getOrderId())).extracting(OrderStatusChanged::getStep)
			.containsExactly("APPLY_STORAGE", "APPLY_NODE_SIZE", "VERIFY_SETTINGS", "VERIFY_SETTINGS");
		assertThat(topics.eventsOf(update.getOrderId())).extracting(OrderStatusChanged::getOrderType)
			.containsOnly(OrderType.UPDATE);
		assertThat(new BackendCalls(env.dataSource()).of(update.getOrderId())).containsExactly("APPLY_STORAGE:EXECUTED",
				"APPLY_NODE_SIZE:EXECUTED", "VERIFY_SETTINGS:EXECUTED");
		OrderStatusChanged createDone = topics.awaitTerminal(create.getOrderId(), WITHIN);
		assertThat(createDone.getObserved().getStorageGb()).isEqualTo(create.getStorageGb());
		assertThat(createDone.getOrderType()).isEqualTo(OrderType.CREATE);
	}

	@Test
	void aDeleteRunsItsThreeStepsAndLeavesNothingRunning(PipelineEnvironment env) {
		OrderPlaced create = Orders.aCreate().build();
		topics.place(create);
		topics.awaitTerminal(create.getOrderId(), WITHIN);

		OrderPlaced delete = Orders.aDelete(create, 2).build();
		topics.place(delete);

		OrderStatusChanged done = topics.awaitTerminal(delete.getOrderId(), WITHIN);
		assertThat(done.getStatus()).isEqualTo(OrderStatus.DONE);
		assertThat(done.getOrderType()).isEqualTo(OrderType.DELETE);
		assertThat(done.getObserved()).isNull();
		assertThat(done.getInstance()).isNull();
		assertThat(new BackendCalls(env.dataSource()).of(delete.getOrderId())).containsExactly("STOP_SERVER:EXECUTED",
				"REMOVE_DATA:EXECUTED", "VERIFY_DELETED:EXECUTED");
		assertThat(simulatedState(env, create.getInstanceId())).isEqualTo("REMOVED");
	}

	@Test
	void aDeleteCancelsASlowCreateWhichReleasesWhatItAllocatedThenTheDeleteIsDone(PipelineEnvironment env) {
		OrderPlaced create = Orders.aCreate().build();
		topics.place(create);
		await().atMost(WITHIN)
			.until(() -> topics.eventsOf(create.getOrderId())
				.stream()
				.anyMatch((event) -> "INSTALL_ENGINE".equals(event.getStep())));

		OrderPlaced delete = Orders.aDelete(create, 2).build();
		topics.place(delete);

		OrderStatusChanged cancelled = topics.awaitTerminal(create.getOrderId(), WITHIN);
		assertThat(cancelled.getStatus()).isEqualTo(OrderStatus.CANCELLED);
		assertThat(cancelled.getOrderType()).isEqualTo(OrderType.CREATE);
		assertThat(cancelled.getStep()).as("stopped at the boundary after the step under way")
			.isEqualTo("CREATE_ADMIN_CREDENTIALS");
		assertThat(cancelled.getCredentials()).isNull();
		OrderStatusChanged deleted = topics.awaitTerminal(delete.getOrderId(), WITHIN);
		assertThat(deleted.getStatus()).isEqualTo(OrderStatus.DONE);
		assertThat(deleted.getOccurredAt()).isAfterOrEqualTo(cancelled.getOccurredAt());
		BackendCalls calls = new BackendCalls(env.dataSource());
		assertThat(calls.of(create.getOrderId())).containsExactly("ALLOCATE_NODE:EXECUTED", "ATTACH_STORAGE:EXECUTED",
				"CONFIGURE_FIREWALL:EXECUTED", "INSTALL_ENGINE:EXECUTED", "RELEASE:EXECUTED");
		assertThat(simulatedState(env, create.getInstanceId())).isEqualTo("RELEASED");
		assertThat(topics.terminalEventsOf(create.getOrderId())).hasSize(1);
	}

	@Test
	void aCreateThatArrivesAfterItsDeleteStartsCancelledAndAllocatesNothing(PipelineEnvironment env) {
		OrderPlaced create = Orders.aCreate().build();
		OrderPlaced delete = Orders.aDelete(create, 2).build();

		topics.place(delete);
		await().atMost(WITHIN).until(() -> !topics.eventsOf(delete.getOrderId()).isEmpty());
		topics.place(create);

		assertThat(topics.awaitTerminal(create.getOrderId(), WITHIN).getStatus()).isEqualTo(OrderStatus.CANCELLED);
		assertThat(topics.awaitTerminal(delete.getOrderId(), WITHIN).getStatus()).isEqualTo(OrderStatus.DONE);
		BackendCalls calls = new BackendCalls(env.dataSource());
		assertThat(calls.of(create.getOrderId())).containsExactly("RELEASE:REPLAYED");
		assertThat(calls.of(delete.getOrderId())).containsExactly("STOP_SERVER:EXECUTED", "REMOVE_DATA:EXECUTED",
				"VERIFY_DELETED:EXECUTED");
	}

	@Test
	void anUpdateOfVersionThreeWaitsForVersionTwoThatArrivesLater(PipelineEnvironment env) {
		OrderPlaced create = Orders.aCreate().build();
		topics.place(create);
		topics.awaitTerminal(create.getOrderId(), WITHIN);
		OrderPlaced second = Orders.anUpdate(create, 2, Orders.changes(100, null, null)).build();
		OrderPlaced third = Orders.anUpdate(second, 3, Orders.changes(null, null, List.of("127.0.0.4/32"))).build();

		topics.place(third);
		await().atMost(WITHIN).until(() -> !topics.eventsOf(third.getOrderId()).isEmpty());
		// Accepted (PROCESSING, sequence 1) but not claimed: its predecessor is missing.
		await().during(Duration.ofSeconds(1))
			.atMost(Duration.ofSeconds(3))
			.until(() -> new BackendCalls(env.dataSource()).of(third.getOrderId()).isEmpty());
		topics.place(second);

		OrderStatusChanged secondDone = topics.awaitTerminal(second.getOrderId(), WITHIN);
		OrderStatusChanged thirdDone = topics.awaitTerminal(third.getOrderId(), WITHIN);
		assertThat(secondDone.getStatus()).isEqualTo(OrderStatus.DONE);
		assertThat(thirdDone.getStatus()).isEqualTo(OrderStatus.DONE);
		assertThat(thirdDone.getOccurredAt()).isAfterOrEqualTo(secondDone.getOccurredAt());
		assertThat(thirdDone.getObserved().getStorageGb()).isEqualTo(100);
		assertThat(thirdDone.getObserved().getTrustedSources()).containsExactly("127.0.0.4/32");
	}

	@Test
	void sendsAnOrderOfAnUnknownTypeToTheDeadLetterTopicWithTheReason(PipelineEnvironment env) {
		OrderPlaced unknown = Orders.aCreate().setType(OrderType.UNKNOWN).build();

		topics.place(unknown);

		await().atMost(WITHIN)
			.until(() -> topics.deadLetters().stream().anyMatch((record) -> unknown.getOrderId().equals(record.key())));
		ConsumerRecord<String, byte[]> deadLetter = topics.deadLetters()
			.stream()
			.filter((record) -> unknown.getOrderId().equals(record.key()))
			.findFirst()
			.orElseThrow();
		assertThat(new String(deadLetter.headers().lastHeader("pipeline_dlt-reason").value(), StandardCharsets.UTF_8))
			.contains("order type is UNKNOWN")
			.contains("not treated as a create");
		assertThat(JdbcClient.create(env.dataSource())
			.sql("SELECT count(*) FROM provisioning_job WHERE order_id = :orderId")
			.param("orderId", unknown.getOrderId())
			.query(Integer.class)
			.single()).isZero();
	}

	@Test
	void exposesOutcomesByOrderTypeAndTheChangesInProgress() {
		OrderPlaced create = Orders.aCreate().build();
		topics.place(create);
		topics.awaitTerminal(create.getOrderId(), WITHIN);

		await().atMost(WITHIN)
			.untilAsserted(() -> assertThat(this.prometheus.scrape())
				.contains("provisioning_orders_finished_total{outcome=\"done\",type=\"CREATE\"}")
				.contains("provisioning_orders_finished_total{outcome=\"failed\",type=\"UPDATE\"} 0")
				.contains("provisioning_orders_finished_total{outcome=\"cancelled\",type=\"CREATE\"}")
				.contains("provisioning_orders_finished_total{outcome=\"failed\",type=\"DELETE\"} 0")
				.contains("provisioning_changes_in_progress{type=\"UPDATE\"}")
				.contains("provisioning_changes_in_progress{type=\"DELETE\"}")
				.contains("provisioning_oldest_change_age_seconds{type=\"UPDATE\"}")
				.contains("provisioning_oldest_change_age_seconds{type=\"DELETE\"}"));
	}

	private static String simulatedState(PipelineEnvironment env, String instanceId) {
		return JdbcClient.create(env.dataSource())
			.sql("SELECT state FROM simulated_instance WHERE instance_id = :instanceId")
			.param("instanceId", instanceId)
			.query(String.class)
			.single();
	}

}
