package dev.dbaas.pipeline.systemtests.faults;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import dev.dbaas.pipeline.schemas.Topics;
import dev.dbaas.pipeline.systemtests.faults.check.AlertRule;
import dev.dbaas.pipeline.systemtests.faults.check.PrometheusScrape;
import dev.dbaas.pipeline.systemtests.faults.check.ScenarioRun;
import dev.dbaas.pipeline.systemtests.faults.load.LoadStats;
import dev.dbaas.pipeline.systemtests.faults.load.OrderLoad;
import dev.dbaas.pipeline.systemtests.faults.stack.FaultStack;
import dev.dbaas.pipeline.systemtests.faults.stack.ReplicatedKafka;
import dev.dbaas.pipeline.systemtests.faults.stack.ReplicatedKafka.Leadership;
import dev.dbaas.pipeline.systemtests.faults.stack.Service;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static org.awaitility.Awaitility.await;

/**
 * Scenarios 10 and 11: brokers of a replicated Kafka fail (one controller and three
 * brokers in the test JVM; topics with replication factor 3,
 * {@code min.insync.replicas=2} and no unclean leader election; producers with
 * {@code acks=all} and idempotence), with the same invariants as every other scenario:
 * every order answered 202 is in the view exactly once, its status events never go
 * backwards, nothing is lost or duplicated.
 *
 * <p>
 * Both scenarios share one replicated stack, which runs beside the single-broker one and
 * is stopped after them.
 */
@Tag("profile-only")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicatedKafkaFaultTest {

	private static final List<String> TOPICS = List.of(Topics.ORDER_PLACED.name(), Topics.ORDER_STATUS.name());

	/** How long orders keep arriving with the leader dead, after its partitions moved. */
	private static final Duration LEADER_DOWN = Duration.ofSeconds(15);

	/** The alert that says events do not reach Kafka, as ops deploy it. */
	private static final String OUTBOX_ALERT = "PipelineOutboxRowUnpublished";

	@AfterAll
	static void stopTheReplicatedStack() {
		FaultStack.stopReplicated();
	}

	@Test
	@Order(1)
	void ordersFlowOnWhenTheBusiestLeaderIsKilledAndNothingIsLostOrDuplicated() {
		FaultStack stack = FaultStack.replicated();
		ReplicatedKafka kafka = stack.cluster();
		ScenarioRun run = new ScenarioRun(10,
				"Kafka broker leading most partitions killed mid-load (3 brokers, RF 3, min.insync.replicas 2), "
						+ "restarted",
				stack);
		OrderLoad load = OrderLoad.start(stack.intakeUrl(), stack.bearerToken(), run.customerId(), 10, 4);
		awaitTerminalOrders(stack, run, 20);
		Leadership busiest = kafka.busiestLeader(TOPICS);
		Set<String> acceptedAtKill = load.stats().accepted();
		long killed = System.nanoTime();
		// The stop returns once the broker has closed its logs, seconds after its
		// heartbeats and connections ended: watch the leaders move meanwhile.
		CompletableFuture<Void> kill = CompletableFuture.runAsync(() -> kafka.killBroker(busiest.brokerId()));
		await("the dead broker's partitions to get new leaders").atMost(Duration.ofSeconds(120))
			.pollInterval(Duration.ofMillis(200))
			.ignoreExceptions()
			.until(() -> kafka.partitionsLedBy(TOPICS, Set.of(busiest.brokerId())) == 0);
		Duration failover = since(killed);
		kill.join();
		AtomicLong flowing = new AtomicLong();
		await("an order accepted after the kill to finish").atMost(Duration.ofSeconds(120))
			.pollInterval(Duration.ofMillis(250))
			.ignoreExceptions()
			.until(() -> {
				Set<String> afterKill = new HashSet<>(load.stats().accepted());
				afterKill.removeAll(acceptedAtKill);
				boolean one = !afterKill.isEmpty() && terminalAmong(stack, afterKill) > 0;
				if (one) {
					flowing.set(System.nanoTime());
				}
				return one;
			});
		Duration flowResumed = Duration.ofNanos(flowing.get() - killed);
		Pauses.pause(LEADER_DOWN);
		int acceptedWhileDown = load.stats().accepted().size() - acceptedAtKill.size();
		int minIsrWhileDown = kafka.smallestInSyncReplicas(TOPICS);
		kafka.restartBroker(busiest.brokerId());
		long restarted = System.nanoTime();
		Pauses.pause(Duration.ofSeconds(3));
		LoadStats stats = load.stop();
		run.awaitRecovery(stats, restarted);
		await("every partition back to 3 in-sync replicas").atMost(Duration.ofSeconds(120))
			.pollInterval(Duration.ofMillis(500))
			.ignoreExceptions()
			.until(() -> kafka.fullyReplicated(TOPICS));
		run.note(
				"broker %d killed while leading %d of %d partitions; leaders moved in %s; first order accepted after the kill terminal after %s; %d orders accepted with the broker down (ISR %d); full ISR again %s after the restart"
					.formatted(busiest.brokerId(), busiest.partitions(), busiest.of(), seconds(failover),
							seconds(flowResumed), acceptedWhileDown, minIsrWhileDown, seconds(since(restarted))))
			.check(acceptedWhileDown >= LEADER_DOWN.toSeconds(),
					"intake accepted only " + acceptedWhileDown + " orders with the broker down")
			.check(minIsrWhileDown >= ReplicatedKafka.MIN_IN_SYNC_REPLICAS,
					"a partition had " + minIsrWhileDown + " in-sync replicas with one broker down");
		run.finish(stats);
	}

	@Test
	@Order(2)
	void ordersAcceptedWhileTwoBrokersAreDownWaitInTheOutboxAndAreDeliveredAfterwards() {
		FaultStack stack = FaultStack.replicated();
		ReplicatedKafka kafka = stack.cluster();
		AlertRule alert = AlertRule.named(OUTBOX_ALERT);
		ScenarioRun run = new ScenarioRun(11,
				"Two of three Kafka brokers down (min.insync.replicas 2: no writes) while orders arrive, restarted",
				stack);
		String intake = stack.instance(Service.ORDER_INTAKE).baseUrl();
		OrderLoad load = OrderLoad.start(stack.intakeUrl(), stack.bearerToken(), run.customerId(), 5, 4);
		awaitTerminalOrders(stack, run, 10);
		int first = kafka.busiestLeader(TOPICS).brokerId();
		int second = kafka.brokerIds().stream().filter((id) -> id != first).findFirst().orElseThrow();
		int acceptedBefore = load.stats().accepted().size();
		long down = System.nanoTime();
		// Both at once: a broker's stop takes seconds in this JVM.
		CompletableFuture
			.allOf(CompletableFuture.runAsync(() -> kafka.killBroker(first)),
					CompletableFuture.runAsync(() -> kafka.killBroker(second)))
			.join();
		// Down until the alert's condition holds on intake's own gauge: the oldest
		// unpublished row is older than the rule's threshold. No rule has to wait for
		// a 'for' clause.
		double threshold = alert.threshold();
		AtomicLong peakBacklog = new AtomicLong();
		await("intake's oldest unpublished outbox row to pass " + OUTBOX_ALERT + "'s " + threshold + " s")
			.atMost(Duration.ofSeconds(180))
			.pollInterval(Duration.ofSeconds(1))
			.ignoreExceptions()
			.until(() -> {
				peakBacklog.accumulateAndGet((long) PrometheusScrape.value(intake, "outbox_backlog"), Math::max);
				return PrometheusScrape.value(intake, "outbox_oldest_unpublished_age_seconds") > threshold;
			});
		String provisionerBacklog = provisionerBacklog(stack);
		int acceptedWhileDown = load.stats().accepted().size() - acceptedBefore;
		Duration outage = since(down);
		kafka.restartBroker(first);
		kafka.restartBroker(second);
		long restarted = System.nanoTime();
		Pauses.pause(Duration.ofSeconds(3));
		LoadStats stats = load.stop();
		run.awaitRecovery(stats, restarted);
		await("intake's outbox_backlog gauge back to 0").atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(500))
			.ignoreExceptions()
			.until(() -> PrometheusScrape.value(intake, "outbox_backlog") == 0);
		run.note(
				"brokers %d and %d down for %s: %d orders accepted meanwhile, intake outbox_backlog up to %d, oldest row past %s's %.0f s (it would fire: %s), provisioner outbox_backlog %s; backlog 0 again after the restart"
					.formatted(first, second, seconds(outage), acceptedWhileDown, peakBacklog.get(), OUTBOX_ALERT,
							threshold,
							(alert.forDuration() == null) ? "no 'for' clause" : "after " + alert.forDuration(),
							provisionerBacklog))
			.check(alert.expr().contains("outbox_oldest_unpublished_age_seconds")
					&& alert.expr().contains("order-intake"),
					OUTBOX_ALERT + " no longer watches intake's outbox age: " + alert.expr())
			.check(acceptedWhileDown >= outage.toSeconds(),
					"intake accepted only " + acceptedWhileDown + " orders in " + seconds(outage)
							+ " with two brokers down")
			.check(peakBacklog.get() >= acceptedWhileDown / 2, "intake's outbox_backlog peaked at " + peakBacklog.get()
					+ " with " + acceptedWhileDown + " orders accepted and not publishable");
		run.finish(stats);
	}

	/**
	 * Waits until some orders of the scenario are terminal, so that a fault hits a
	 * pipeline in full flow.
	 */
	private static void awaitTerminalOrders(FaultStack stack, ScenarioRun run, int orders) {
		await("first orders to finish").atMost(Duration.ofSeconds(120))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> Databases.count(stack.database(Service.STATUS_SERVICE),
					"SELECT count(*) FROM order_view WHERE customer_id = ? AND status IN ('DONE', 'FAILED')",
					run.customerId()) >= orders);
	}

	/**
	 * The provisioner's status outbox backlog, for the report; it may be too busy to
	 * answer.
	 */
	private static String provisionerBacklog(FaultStack stack) {
		try {
			return String.format(Locale.ROOT, "%.0f",
					PrometheusScrape.value(stack.instance(Service.PROVISIONER).baseUrl(), "outbox_backlog"));
		}
		catch (IllegalStateException ex) {
			return "not scraped (" + ex.getMessage() + ")";
		}
	}

	private static long terminalAmong(FaultStack stack, Set<String> orderIds) {
		return Databases.count(stack.database(Service.STATUS_SERVICE),
				"SELECT count(*) FROM order_view WHERE order_id = ANY(?) AND status IN ('DONE', 'FAILED')",
				(Object) orderIds.toArray(String[]::new));
	}

	private static Duration since(long nanos) {
		return Duration.ofNanos(System.nanoTime() - nanos);
	}

	private static String seconds(Duration duration) {
		return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
	}

}
