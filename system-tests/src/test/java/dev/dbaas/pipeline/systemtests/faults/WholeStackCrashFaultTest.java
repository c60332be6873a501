package dev.dbaas.pipeline.systemtests.faults;

import java.time.Duration;

import dev.dbaas.pipeline.systemtests.faults.check.ScenarioRun;
import dev.dbaas.pipeline.systemtests.faults.load.LoadStats;
import dev.dbaas.pipeline.systemtests.faults.load.OrderLoad;
import dev.dbaas.pipeline.systemtests.faults.stack.FaultStack;
import dev.dbaas.pipeline.systemtests.faults.stack.LauncherProcess;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Scenario 8: the local launcher, started with {@code --data-dir}, crashes as a whole
 * ({@code kill -9} of its JVM and an immediate stop of its PostgreSQL) while orders
 * arrive, and is started again on the same data directory. Nothing accepted is lost.
 */
@Tag("profile-only")
class WholeStackCrashFaultTest {

	@Test
	void aRestartOnTheSameDataDirectoryFinishesEveryAcceptedOrder() {
		try (LauncherProcess launcher = new LauncherProcess(FaultStack.outputDir()).start()) {
			ScenarioRun run = new ScenarioRun(8, "Whole-stack crash: kill -9 of the launcher (--data-dir), restart",
					launcher);
			OrderLoad load = OrderLoad.start(launcher.intakeUrl(), launcher.bearerToken(), run.customerId(), 10, 4);
			Pauses.pause(Duration.ofSeconds(8));
			launcher.crash();
			int acceptedAtCrash = load.stats().accepted().size();
			long restarted = System.nanoTime();
			launcher.start();
			Pauses.pause(Duration.ofSeconds(3));
			LoadStats stats = load.stop();
			run.awaitRecovery(stats, restarted);
			run.note(acceptedAtCrash + " orders accepted before the crash; clients kept retrying during the restart");
			run.finish(stats);
		}
	}

}
