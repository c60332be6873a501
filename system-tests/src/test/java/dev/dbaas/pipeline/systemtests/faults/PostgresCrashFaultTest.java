package dev.dbaas.pipeline.systemtests.faults;

import java.time.Duration;

import dev.dbaas.pipeline.systemtests.faults.check.ScenarioRun;
import dev.dbaas.pipeline.systemtests.faults.load.LoadStats;
import dev.dbaas.pipeline.systemtests.faults.load.OrderLoad;
import dev.dbaas.pipeline.systemtests.faults.stack.FaultStack;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Scenario 2: PostgreSQL (every service's database) stops with an immediate shutdown
 * (SIGQUIT to the postmaster, what {@code pg_ctl stop -m immediate} sends) while orders
 * arrive, and comes back 10 s later. No 202 without a committed order; the outage is
 * answered with 503 and {@code Retry-After}; everything recovers on its own.
 */
@Tag("profile-only")
class PostgresCrashFaultTest {

	private static final Duration OUTAGE = Duration.ofSeconds(10);

	@Test
	void anImmediateStopOfPostgresGives503sAndLosesNothingAccepted() {
		FaultStack stack = FaultStack.shared();
		ScenarioRun run = new ScenarioRun(2, "PostgreSQL stopped with -m immediate for 10 s during intake", stack);
		OrderLoad load = OrderLoad.start(stack.intakeUrl(), stack.bearerToken(), run.customerId(), 5, 4);
		Pauses.pause(Duration.ofSeconds(3));
		stack.crashPostgres();
		Pauses.pause(OUTAGE);
		int during503 = load.stats().documented503();
		stack.startPostgres();
		long restarted = System.nanoTime();
		Pauses.pause(Duration.ofSeconds(3));
		LoadStats stats = load.stop();
		run.awaitRecovery(stats, restarted);
		run.note(during503 + " answers 503 with Retry-After during the outage; every client retried with its key")
			.check(during503 > 0, "order-intake never answered 503 while PostgreSQL was down");
		run.finish(stats);
	}

}
