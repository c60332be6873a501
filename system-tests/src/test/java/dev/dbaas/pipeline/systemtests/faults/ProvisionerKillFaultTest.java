package dev.dbaas.pipeline.systemtests.faults;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import dev.dbaas.pipeline.systemtests.faults.check.ScenarioRun;
import dev.dbaas.pipeline.systemtests.faults.load.LoadStats;
import dev.dbaas.pipeline.systemtests.faults.load.OrderLoad;
import dev.dbaas.pipeline.systemtests.faults.stack.FaultStack;
import dev.dbaas.pipeline.systemtests.faults.stack.Service;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;

/**
 * Scenario 3: the provisioner is killed with {@code kill -9} while many provisionings are
 * in flight, and started again. Every order reaches one terminal status, and the
 * simulated backend's journal ({@code backend_calls}, written in the transaction of each
 * step's effect) shows that no step of any order was executed twice.
 */
@Tag("profile-only")
class ProvisionerKillFaultTest {

	private static final int IN_FLIGHT_AT_KILL = 30;

	@Test
	void provisioningsInFlightAtAHardKillFinishOnceAfterTheRestart() {
		FaultStack stack = FaultStack.shared();
		ScenarioRun run = new ScenarioRun(3, "Provisioner killed with kill -9 mid-flight, restarted", stack);
		String inFlightSql = """
				SELECT count(*) FROM provisioning_job
				WHERE customer_id = ? AND state = 'PROCESSING' AND lease_owner IS NOT NULL
				""";
		OrderLoad load = OrderLoad.start(stack.intakeUrl(), stack.bearerToken(), run.customerId(), 30, 6);
		AtomicLong inFlight = new AtomicLong();
		await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).until(() -> {
			inFlight.set(Databases.count(stack.database(Service.PROVISIONER), inFlightSql, run.customerId()));
			return inFlight.get() >= IN_FLIGHT_AT_KILL;
		});
		stack.instance(Service.PROVISIONER).kill();
		long leasedAtKill = Databases.count(stack.database(Service.PROVISIONER), inFlightSql, run.customerId());
		Pauses.pause(Duration.ofSeconds(3));
		LoadStats stats = load.stop();
		long restarted = System.nanoTime();
		stack.restart(Service.PROVISIONER);
		run.awaitRecovery(stats, restarted);
		run.note(leasedAtKill + " provisionings held by the killed instance");
		run.finish(stats);
	}

}
