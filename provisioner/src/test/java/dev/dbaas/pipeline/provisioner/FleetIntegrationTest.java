package dev.dbaas.pipeline.provisioner;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.dbaas.pipeline.events.OrderPlaced;
import dev.dbaas.pipeline.events.OrderStatus;
import dev.dbaas.pipeline.events.OrderStatusChanged;
import dev.dbaas.pipeline.provisioner.support.BackendCalls;
import dev.dbaas.pipeline.provisioner.support.Orders;
import dev.dbaas.pipeline.provisioner.support.ProvisionerInstance;
import dev.dbaas.pipeline.provisioner.support.ProvisionerTopics;
import dev.dbaas.pipeline.testkit.PipelineEnvironment;
import dev.dbaas.pipeline.testkit.RealInfrastructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.jdbc.core.simple.JdbcClient;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Several provisioner instances on one broker and one job store: they share the work, and
 * an instance that crashes mid-batch leaves nothing lost and nothing done twice.
 */
@RealInfrastructure
class FleetIntegrationTest {

	private static final Map<String, String> FAST = Map.ofEntries(entry("provisioner.simulation.step-latency", "100ms"),
			entry("provisioner.workers.concurrency", "8"), entry("provisioner.workers.lease-duration", "2s"),
			entry("provisioner.workers.heartbeat-interval", "500ms"),
			entry("provisioner.workers.poll-interval", "20ms"), entry("provisioner.outbox.poll-interval", "20ms"),
			entry("provisioner.workers.shutdown-grace", "5s"));

	@RegisterExtension
	static final ProvisionerTopics topics = new ProvisionerTopics();

	@Test
	void twoInstancesShareTheWork(PipelineEnvironment env) {
		List<OrderPlaced> orders = Orders.ordersPlaced(32);
		try (ProvisionerInstance a = ProvisionerInstance.start(env, "share-a", FAST);
				ProvisionerInstance b = ProvisionerInstance.start(env, "share-b", FAST)) {

			topics.place(orders);

			topics.awaitAllTerminal(orders, Duration.ofSeconds(60));
		}
		assertEachOrderDoneExactlyOnce(orders);
		BackendCalls calls = new BackendCalls(env.dataSource());
		assertThat(calls.executedMoreThanOnce()).isEmpty();
		assertThat(calls.executionsByCaller()).containsKeys("share-a", "share-b");
	}

	@Test
	void anotherInstanceFinishesWhatACrashedInstanceLeftWithoutRepeatingAStep(PipelineEnvironment env) {
		List<OrderPlaced> orders = Orders.ordersPlaced(24);
		BackendCalls calls = new BackendCalls(env.dataSource());
		ProvisionerInstance crashing = ProvisionerInstance.start(env, "crash-a", FAST);
		topics.place(orders);
		await().atMost(Duration.ofSeconds(30)).until(() -> calls.executionsByCaller().getOrDefault("crash-a", 0) >= 20);

		crashing.crash();
		try (ProvisionerInstance successor = ProvisionerInstance.start(env, "crash-b", FAST)) {
			topics.awaitAllTerminal(orders, Duration.ofSeconds(60));
		}

		assertEachOrderDoneExactlyOnce(orders);
		assertThat(calls.executedMoreThanOnce()).as("a step executed twice for one order").isEmpty();
		assertThat(calls.executionsByCaller()).containsKey("crash-b");
		for (OrderPlaced order : orders) {
			assertThat(calls.of(order.getOrderId())).filteredOn((call) -> call.endsWith(":EXECUTED"))
				.as("every step of %s executed exactly once", order.getOrderId())
				.hasSize(6)
				.doesNotHaveDuplicates();
		}
	}

	@Test
	void aGracefullyStoppedInstanceFinishesItsStepsAndHandsItsJobsBackAtOnce(PipelineEnvironment env) {
		Map<String, String> longLeases = new java.util.HashMap<>(FAST);
		longLeases.put("provisioner.workers.lease-duration", "5m");
		longLeases.put("provisioner.workers.heartbeat-interval", "1m");
		List<OrderPlaced> orders = Orders.ordersPlaced(16);
		BackendCalls calls = new BackendCalls(env.dataSource());
		JdbcClient jdbc = JdbcClient.create(env.dataSource());
		ProvisionerInstance stopping = ProvisionerInstance.start(env, "grace-a", longLeases);
		topics.place(orders);
		await().atMost(Duration.ofSeconds(30)).until(() -> calls.executionsByCaller().getOrDefault("grace-a", 0) >= 10);

		stopping.close();

		assertThat(jdbc.sql("SELECT count(*) FROM provisioning_job WHERE lease_owner = 'grace-a'")
			.query(Integer.class)
			.single()).as("leases still held by the stopped instance").isZero();
		// Leases last five minutes: only handed-back jobs can finish within the wait
		// below.
		try (ProvisionerInstance successor = ProvisionerInstance.start(env, "grace-b", longLeases)) {
			topics.awaitAllTerminal(orders, Duration.ofSeconds(60));
		}
		assertEachOrderDoneExactlyOnce(orders);
		assertThat(calls.executedMoreThanOnce()).isEmpty();
		assertThat(calls.count("REPLAYED")).as("a graceful stop interrupts no step").isZero();
	}

	private static void assertEachOrderDoneExactlyOnce(List<OrderPlaced> orders) {
		for (OrderPlaced order : orders) {
			String id = order.getOrderId();
			assertThat(topics.terminalEventsOf(id)).as("terminal events of %s", id)
				.singleElement()
				.satisfies((done) -> assertThat(done.getStatus()).isEqualTo(OrderStatus.DONE));
			// A re-sent event repeats its sequence and event id; it never changes what it
			// says.
			List<OrderStatusChanged> events = topics.eventsOf(id);
			assertThat(events.stream().map(OrderStatusChanged::getSequence).distinct().sorted()).containsExactly(1L, 2L,
					3L, 4L, 5L, 6L, 7L);
			assertThat(
					events.stream().map((e) -> e.getSequence() + "/" + e.getEventId() + "/" + e.getStatus()).distinct())
				.hasSize(7);
		}
	}

}
