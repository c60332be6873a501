package dev.dbaas.pipeline.provisioner;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import dev.dbaas.pipeline.events.DatabaseType;
import dev.dbaas.pipeline.events.OrderPlaced;
import dev.dbaas.pipeline.events.OrderStatus;
import dev.dbaas.pipeline.events.OrderStatusChanged;
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
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The provisioner on a real broker and database, with a fast simulation in which the
 * admin-credentials step of every order fails transiently once, and region FULL-1 has no
 * capacity.
 */
@RealInfrastructure
@SpringBootTest(properties = { "provisioner.simulation.step-latency=20ms",
		"provisioner.simulation.steps.create-admin-credentials.transient-errors-before-success=1",
		"provisioner.simulation.region-capacity[FULL-1]=0", "provisioner.provisioning.retry.initial-backoff=50ms",
		"provisioner.workers.poll-interval=20ms", "provisioner.outbox.poll-interval=20ms" })
@DirtiesContext
class ProvisioningIntegrationTest {

	private static final Duration WITHIN = Duration.ofSeconds(30);

	@RegisterExtension
	static final ProvisionerTopics topics = new ProvisionerTopics();

	@Autowired
	PrometheusMeterRegistry prometheus;

	@Test
	void reportsProcessingThenEveryStepThenDoneWithConnectionFacts() {
		OrderPlaced order = Orders.anOrderPlaced().build();

		topics.place(order);

		OrderStatusChanged done = topics.awaitTerminal(order.getOrderId(), WITHIN);
		assertThat(done.getStatus()).isEqualTo(OrderStatus.DONE);
		assertThat(done.getFailure()).isNull();
		assertThat(done.getInstance()).isNotNull();
		assertThat(done.getInstance().getHost()).endsWith(".de-west-1.dbaas.internal");
		assertThat(done.getInstance().getPort()).isEqualTo(3306);
		assertThat(done.getInstance().getDatabaseType()).isEqualTo(DatabaseType.MARIADB);
		assertThat(done.getInstance().getDatabaseVersion()).isEqualTo("10.11");
		assertThat(done.getCustomerId()).isEqualTo("c-1001");

		List<OrderStatusChanged> events = topics.eventsOf(order.getOrderId());
		assertThat(events).extracting(OrderStatusChanged::getSequence).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
		assertThat(events).extracting(OrderStatusChanged::getStatus)
			.containsExactly(OrderStatus.PROCESSING, OrderStatus.PROCESSING, OrderStatus.PROCESSING,
					OrderStatus.PROCESSING, OrderStatus.PROCESSING, OrderStatus.PROCESSING, OrderStatus.DONE);
		assertThat(events).extracting(OrderStatusChanged::getStep)
			.containsExactly("ALLOCATE_NODE", "ATTACH_STORAGE", "CONFIGURE_FIREWALL", "INSTALL_ENGINE",
					"CREATE_ADMIN_CREDENTIALS", "HEALTH_CHECK", "HEALTH_CHECK");
		assertThat(events).extracting(OrderStatusChanged::getEventId).doesNotHaveDuplicates();
	}

	@Test
	void retriesATransientErrorAndStillReportsDone(PipelineEnvironment env) {
		OrderPlaced order = Orders.anOrderPlaced().build();

		topics.place(order);

		assertThat(topics.awaitTerminal(order.getOrderId(), WITHIN).getStatus()).isEqualTo(OrderStatus.DONE);
		assertThat(new BackendCalls(env.dataSource()).of(order.getOrderId())).containsExactly("ALLOCATE_NODE:EXECUTED",
				"ATTACH_STORAGE:EXECUTED", "CONFIGURE_FIREWALL:EXECUTED", "INSTALL_ENGINE:EXECUTED",
				"CREATE_ADMIN_CREDENTIALS:TRANSIENT_ERROR", "CREATE_ADMIN_CREDENTIALS:EXECUTED",
				"HEALTH_CHECK:EXECUTED");
	}

	@Test
	void failsWithRegionCapacityExhaustedWhenTheRegionIsFull() {
		OrderPlaced order = Orders.anOrderPlaced().setRegion("FULL-1").build();

		topics.place(order);

		OrderStatusChanged failed = topics.awaitTerminal(order.getOrderId(), WITHIN);
		assertThat(failed.getStatus()).isEqualTo(OrderStatus.FAILED);
		assertThat(failed.getFailure().getCode()).isEqualTo("REGION_CAPACITY_EXHAUSTED");
		assertThat(failed.getFailure().getMessage()).contains("FULL-1");
		assertThat(failed.getInstance()).isNull();
		assertThat(failed.getStep()).isEqualTo("ALLOCATE_NODE");
		assertThat(failed.getSequence()).isEqualTo(2);
	}

	@Test
	void sendsAPoisonRecordToTheDeadLetterTopicAndProvisionsTheNextOrder(PipelineEnvironment env) {
		OrderPlaced next = Orders.anOrderPlaced().build();

		topics.sendRaw(0, "poison-1", "not an order".getBytes(StandardCharsets.UTF_8));
		topics.place(0, next);

		// By key: another test of this class dead-letters a record too.
		ConsumerRecord<String, byte[]> deadLetter = awaitDeadLetter("poison-1");
		assertThat(deadLetter.key()).isEqualTo("poison-1");
		assertThat(deadLetter.partition()).isZero();
		assertThat(new String(deadLetter.value(), StandardCharsets.UTF_8)).isEqualTo("not an order");
		assertThat(header(deadLetter, "kafka_dlt-exception-fqcn")).isNotEmpty();
		assertThat(header(deadLetter, "kafka_dlt-exception-stacktrace")).contains("NOT_SINGLE_OBJECT_ENCODED");
		assertThat(header(deadLetter, "pipeline_dlt-reason")).startsWith("NOT_SINGLE_OBJECT_ENCODED");
		assertThat(header(deadLetter, "kafka_dlt-original-topic")).isEqualTo(env.orderPlaced().name());
		assertThat(topics.awaitTerminal(next.getOrderId(), WITHIN).getStatus()).isEqualTo(OrderStatus.DONE);
		await().atMost(WITHIN)
			.untilAsserted(() -> assertThat(this.prometheus.scrape()).contains("pipeline_dead_letter_records_total"));
	}

	/**
	 * The listener adds the jobs of a poll in one write; a record it cannot decode in the
	 * middle of a poll is dead-lettered alone, and the orders on either side of it are
	 * each provisioned once.
	 */
	@Test
	void provisionsTheOrdersAroundAPoisonRecordOnceEach(PipelineEnvironment env) {
		List<OrderPlaced> before = List.of(Orders.anOrderPlaced().build(), Orders.anOrderPlaced().build());
		List<OrderPlaced> after = List.of(Orders.anOrderPlaced().build(), Orders.anOrderPlaced().build());

		before.forEach((order) -> topics.place(1, order));
		topics.sendRaw(1, "poison-between", "not an order either".getBytes(StandardCharsets.UTF_8));
		after.forEach((order) -> topics.place(1, order));

		assertThat(header(awaitDeadLetter("poison-between"), "pipeline_dlt-reason"))
			.startsWith("NOT_SINGLE_OBJECT_ENCODED");
		for (OrderPlaced order : Stream.concat(before.stream(), after.stream()).toList()) {
			assertThat(topics.awaitTerminal(order.getOrderId(), WITHIN).getStatus()).isEqualTo(OrderStatus.DONE);
			assertThat(topics.eventsOf(order.getOrderId())).extracting(OrderStatusChanged::getSequence)
				.containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
		}
		assertThat(topics.deadLetters()).filteredOn((record) -> "poison-between".equals(record.key())).hasSize(1);
		assertThat(new BackendCalls(env.dataSource()).executedMoreThanOnce()).isEmpty();
	}

	@Test
	void sendsAnOrderWhoseIdBreaksTheContractsRuleToTheDeadLetterTopicWithTheReason(PipelineEnvironment env) {
		String hostile = "x".repeat(200);
		OrderPlaced order = Orders.anOrderPlaced().setOrderId(hostile).build();

		topics.place(order);

		ConsumerRecord<String, byte[]> deadLetter = awaitDeadLetter(hostile);
		assertThat(header(deadLetter, "pipeline_dlt-reason")).startsWith("orderId has 200 characters")
			.doesNotContain(hostile);
		assertThat(header(deadLetter, "kafka_dlt-original-topic")).isEqualTo(env.orderPlaced().name());
	}

	@Test
	void provisionsARedeliveredOrderOnlyOnce(PipelineEnvironment env) {
		OrderPlaced order = Orders.anOrderPlaced().build();

		topics.place(order);
		topics.place(order);

		assertThat(topics.awaitTerminal(order.getOrderId(), WITHIN).getStatus()).isEqualTo(OrderStatus.DONE);
		assertThat(topics.eventsOf(order.getOrderId())).extracting(OrderStatusChanged::getSequence)
			.containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
		assertThat(new BackendCalls(env.dataSource()).executedMoreThanOnce()).isEmpty();
	}

	@Test
	void exposesProvisioningMetricsForPrometheus() {
		OrderPlaced order = Orders.anOrderPlaced().setDatabaseType(DatabaseType.POSTGRESQL).build();

		topics.place(order);
		topics.awaitTerminal(order.getOrderId(), WITHIN);

		await().atMost(WITHIN)
			.untilAsserted(() -> assertThat(this.prometheus.scrape()).contains(
					"provisioning_step_duration_seconds_bucket{outcome=\"completed\",step=\"HEALTH_CHECK\",type=\"POSTGRESQL\"")
				.contains("provisioning_duration_seconds_count{outcome=\"done\",type=\"POSTGRESQL\"}")
				.contains("provisioning_duration_seconds_count{outcome=\"failed\",type=\"COUCHDB\"} 0")
				.contains("provisioning_in_flight")
				.contains("kafka_consumer_fetch_manager_records_lag")
				.contains("outbox_backlog")
				.contains("outbox_oldest_unpublished_age_seconds")
				.contains("provisioning_jobs_past_deadline")
				.contains("provisioning_oldest_past_deadline_seconds")
				.contains("pipeline_dead_letter_records_total"));
	}

	private static ConsumerRecord<String, byte[]> awaitDeadLetter(String key) {
		await().atMost(WITHIN)
			.until(() -> topics.deadLetters().stream().anyMatch((record) -> key.equals(record.key())));
		return topics.deadLetters().stream().filter((record) -> key.equals(record.key())).findFirst().orElseThrow();
	}

	private static String header(ConsumerRecord<String, byte[]> record, String name) {
		return (record.headers().lastHeader(name) != null)
				? new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8) : "";
	}

}
