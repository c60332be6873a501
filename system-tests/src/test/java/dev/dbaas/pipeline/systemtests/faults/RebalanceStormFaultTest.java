package dev.dbaas.pipeline.systemtests.faults;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

import dev.dbaas.pipeline.systemtests.faults.check.ScenarioRun;
import dev.dbaas.pipeline.systemtests.faults.load.LoadStats;
import dev.dbaas.pipeline.systemtests.faults.load.OrderLoad;
import dev.dbaas.pipeline.systemtests.faults.stack.FaultStack;
import dev.dbaas.pipeline.systemtests.faults.stack.Service;
import dev.dbaas.pipeline.systemtests.faults.stack.ServiceProcess;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Scenario 7: provisioner instances join and leave the fleet every few seconds while
 * orders arrive: each change rebalances the consumer group, and instances that leave hand
 * back (SIGTERM) or abandon ({@code kill -9}) their leases.
 */
@Tag("profile-only")
class RebalanceStormFaultTest {

	private static final Duration BETWEEN_CHANGES = Duration.ofSeconds(8);

	@Test
	void provisionersJoiningAndLeavingLoseAndDuplicateNothing() {
		FaultStack stack = FaultStack.shared();
		ScenarioRun run = new ScenarioRun(7, "Rebalance storm: provisioners join and leave every 8 s", stack);
		OrderLoad load = OrderLoad.start(stack.intakeUrl(), stack.bearerToken(), run.customerId(), 10, 4);
		Deque<ServiceProcess> extras = new ArrayDeque<>();
		int joins = 0;
		int graceful = 0;
		int killed = 0;
		// join, join, leave, join, leave (kill -9), leave
		String plan = "JJLJKL";
		for (char change : plan.toCharArray()) {
			if (change == 'J') {
				joins++;
				extras.addLast(stack.launchExtra(Service.PROVISIONER, "provisioner-extra-" + joins));
			}
			else {
				ServiceProcess leaving = extras.removeFirst();
				if (change == 'K') {
					leaving.kill();
					killed++;
				}
				else {
					leaving.stop();
					graceful++;
				}
				stack.forgetExtra(leaving.name());
			}
			Pauses.pause(BETWEEN_CHANGES);
		}
		long lastChange = System.nanoTime();
		LoadStats stats = load.stop();
		run.awaitRecovery(stats, lastChange);
		run.note(joins + " instances joined, " + graceful + " left with SIGTERM, " + killed
				+ " with kill -9; the first instance ran throughout");
		run.finish(stats);
	}

}
