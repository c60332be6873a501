package dev.dbaas.pipeline.systemtests.faults;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import dev.dbaas.pipeline.systemtests.faults.check.ScenarioRun;
import dev.dbaas.pipeline.systemtests.faults.load.LoadStats;
import dev.dbaas.pipeline.systemtests.faults.load.OrderLoad;
import dev.dbaas.pipeline.systemtests.faults.stack.FaultStack;
import dev.dbaas.pipeline.systemtests.faults.stack.Service;
import dev.dbaas.pipeline.systemtests.faults.stack.ServiceProcess;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;

/**
 * Scenario 4: status-service is killed with {@code kill -9} while it works through a
 * backlog (its batches of up to 1,000 records half applied), then restarted. The view
 * converges and no history row is duplicated.
 */
@Tag("profile-only")
class StatusServiceKillFaultTest {

	@Test
	void theViewConvergesWithoutDuplicatesAfterAKillInTheMiddleOfABatch() {
		FaultStack stack = FaultStack.shared();
		ScenarioRun run = new ScenarioRun(4, "status-service killed with kill -9 mid-batch, restarted", stack);
		stack.instance(Service.STATUS_SERVICE).kill();
		OrderLoad load = OrderLoad.start(stack.intakeUrl(), stack.bearerToken(), run.customerId(), 40, 6);
		Pauses.pause(Duration.ofSeconds(6));
		LoadStats stats = load.stop();
		int accepted = stats.accepted().size();
		await().atMost(Duration.ofSeconds(120))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> Databases.count(stack.database(Service.PROVISIONER),
					"SELECT count(*) FROM provisioning_job WHERE customer_id = ? AND state <> 'PROCESSING'",
					run.customerId()) == accepted);
		ServiceProcess catchingUp = stack.launch(Service.STATUS_SERVICE);
		String historyRows = "SELECT count(*) FROM order_history WHERE order_id IN "
				+ "(SELECT order_id FROM order_view WHERE customer_id = ?)";
		AtomicLong projected = new AtomicLong();
		await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20)).until(() -> {
			projected.set(Databases.count(stack.database(Service.STATUS_SERVICE), historyRows, run.customerId()));
			return projected.get() > 0;
		});
		catchingUp.kill();
		long atKill = Databases.count(stack.database(Service.STATUS_SERVICE), historyRows, run.customerId());
		long restarted = System.nanoTime();
		stack.restart(Service.STATUS_SERVICE);
		run.awaitRecovery(stats, restarted);
		run.note("killed while catching up on " + accepted + " orders, with " + atKill + " history rows applied");
		run.finish(stats);
	}

}
