package dev.dbaas.pipeline.systemtests.faults;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import dev.dbaas.pipeline.schemas.Topics;
import dev.dbaas.pipeline.systemtests.faults.check.ScenarioRun;
import dev.dbaas.pipeline.systemtests.faults.check.TopicRecords;
import dev.dbaas.pipeline.systemtests.faults.load.LoadStats;
import dev.dbaas.pipeline.systemtests.faults.load.OrderLoad;
import dev.dbaas.pipeline.systemtests.faults.stack.FaultStack;
import dev.dbaas.pipeline.systemtests.faults.stack.Service;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;

/**
 * Scenario 5: order-intake's outbox relay crashes between the Kafka send and marking the
 * rows published.
 *
 * <p>
 * The crash is placed exactly there from outside the service. A trigger in the intake
 * database makes the relay's mark ({@code UPDATE outbox SET published_at}, made after
 * Kafka acknowledged the batch) wait for an advisory lock that the test holds. A first
 * order's batch gets stuck there while the scenario's orders pile up in the outbox; that
 * transaction is then terminated, so the relay's next batch claims all of them, sends
 * them, and gets stuck in the mark in turn. Once every order's {@code OrderPlaced} is on
 * the topic, order-intake is killed with {@code kill -9}. After the restart (trigger
 * dropped) the relay publishes the same rows again: every event reaches Kafka at least
 * twice with the same event id, and the consumers must absorb the duplicates.
 */
@Tag("profile-only")
class OutboxRelayCrashFaultTest {

	private static final int ORDERS = 40;

	private static final String HOLD = "fault_suite_hold_publication";

	private static final long GATE = 4_242_001L;

	private static final String STUCK_RELAY = """
			SELECT count(*) FROM pg_stat_activity
			WHERE datname = 'intake' AND wait_event = 'advisory' AND query LIKE 'UPDATE outbox%'""";

	@Test
	void eventsPublishedAgainAfterACrashBeforeTheMarkAreAbsorbed() throws SQLException {
		FaultStack stack = FaultStack.shared();
		ScenarioRun run = new ScenarioRun(5, "Outbox relay crash between Kafka send and marking the row published",
				stack);
		LoadStats stats = new LoadStats();
		Databases.execute(stack.database(Service.ORDER_INTAKE), """
				CREATE OR REPLACE FUNCTION %s() RETURNS trigger LANGUAGE plpgsql AS $$
				BEGIN
				    PERFORM pg_advisory_xact_lock_shared(%d);
				    RETURN NEW;
				END $$""".formatted(HOLD, GATE), """
				CREATE TRIGGER %s BEFORE UPDATE OF published_at ON outbox FOR EACH ROW
				WHEN (OLD.published_at IS NULL AND NEW.published_at IS NOT NULL)
				EXECUTE FUNCTION %s()""".formatted(HOLD, HOLD));
		try (Connection gate = stack.database(Service.ORDER_INTAKE).getConnection();
				Statement lock = gate.createStatement()) {
			lock.execute("SELECT pg_advisory_lock(" + GATE + ")");
			try {
				OrderLoad.placeNow(stack.intakeUrl(), stack.bearerToken(), run.customerId(), 1, stats);
				awaitStuckRelay(stack);
				OrderLoad.placeNow(stack.intakeUrl(), stack.bearerToken(), run.customerId(), ORDERS, stats);
				Databases.execute(stack.database(Service.ORDER_INTAKE), """
						SELECT pg_terminate_backend(pid) FROM pg_stat_activity
						WHERE datname = 'intake' AND wait_event = 'advisory' AND query LIKE 'UPDATE outbox%'""");
				Set<String> accepted = stats.accepted();
				await().atMost(Duration.ofSeconds(60))
					.pollInterval(Duration.ofMillis(500))
					.until(() -> placedRecordsPerOrder(stack, accepted).size() == accepted.size());
				awaitStuckRelay(stack);
				long unmarked = Databases.count(stack.database(Service.ORDER_INTAKE),
						"SELECT count(*) FROM outbox WHERE published_at IS NULL AND message_key = ANY(?)",
						(Object) accepted.toArray(String[]::new));
				run.check(unmarked == accepted.size(), "expected every sent row still unmarked at the crash, but "
						+ unmarked + " of " + accepted.size() + " are");
			}
			finally {
				stack.instance(Service.ORDER_INTAKE).kill();
				// The killed instance's transaction waits for the gate with the rows
				// locked; end it before dropping the trigger, which would wait for it.
				Databases.execute(stack.database(Service.ORDER_INTAKE), """
						SELECT pg_terminate_backend(pid) FROM pg_stat_activity
						WHERE datname = 'intake' AND pid <> pg_backend_pid()""",
						"DROP TRIGGER IF EXISTS %s ON outbox".formatted(HOLD),
						"DROP FUNCTION IF EXISTS %s()".formatted(HOLD));
			}
		}
		long restarted = System.nanoTime();
		stack.restart(Service.ORDER_INTAKE);
		run.awaitRecovery(stats, restarted);
		Map<String, Integer> published = placedRecordsPerOrder(stack, stats.accepted());
		long twice = published.values().stream().filter((count) -> count >= 2).count();
		run.note(stats.accepted().size() + " OrderPlaced sent and acknowledged but not marked at the kill; " + twice
				+ " published again after the restart (same event id)")
			.check(twice == stats.accepted().size(),
					"the crash did not republish every event: " + twice + " of " + stats.accepted().size());
		run.finish(stats);
	}

	private static void awaitStuckRelay(FaultStack stack) {
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> Databases.count(stack.database(Service.ORDER_INTAKE), STUCK_RELAY) == 1);
	}

	private static Map<String, Integer> placedRecordsPerOrder(FaultStack stack, Set<String> orderIds) {
		Map<String, Integer> counts = new HashMap<>();
		for (ConsumerRecord<String, byte[]> record : TopicRecords.readAll(stack.bootstrapServers(),
				Topics.ORDER_PLACED.name())) {
			if (record.key() != null && orderIds.contains(record.key())) {
				counts.merge(record.key(), 1, Integer::sum);
			}
		}
		return counts;
	}

}
