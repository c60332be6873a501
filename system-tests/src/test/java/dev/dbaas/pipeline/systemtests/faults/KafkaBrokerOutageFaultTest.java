package dev.dbaas.pipeline.systemtests.faults;

import java.time.Duration;

import dev.dbaas.pipeline.systemtests.faults.check.ScenarioRun;
import dev.dbaas.pipeline.systemtests.faults.load.LoadStats;
import dev.dbaas.pipeline.systemtests.faults.load.OrderLoad;
import dev.dbaas.pipeline.systemtests.faults.stack.FaultStack;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Scenario 1: the Kafka broker is down for 30 s while orders keep arriving. order-intake
 * keeps answering 202 (the outbox holds the events), and everything is delivered after
 * the broker is back.
 */
@Tag("profile-only")
class KafkaBrokerOutageFaultTest {

	private static final Duration OUTAGE = Duration.ofSeconds(30);

	@Test
	void ordersAcceptedWhileTheBrokerIsDownAreDeliveredWhenItReturns() {
		FaultStack stack = FaultStack.shared();
		ScenarioRun run = new ScenarioRun(1, "Kafka broker down for 30 s while orders arrive", stack);
		OrderLoad load = OrderLoad.start(stack.intakeUrl(), stack.bearerToken(), run.customerId(), 5, 4);
		Pauses.pause(Duration.ofSeconds(3));
		stack.kafka().stop();
		int acceptedBefore = load.stats().accepted().size();
		Pauses.pause(OUTAGE);
		int acceptedDuringOutage = load.stats().accepted().size() - acceptedBefore;
		stack.kafka().start();
		long restarted = System.nanoTime();
		Pauses.pause(Duration.ofSeconds(3));
		LoadStats stats = load.stop();
		run.awaitRecovery(stats, restarted);
		run.note(acceptedDuringOutage + " orders accepted while the broker was down")
			.check(acceptedDuringOutage >= OUTAGE.toSeconds(),
					"intake accepted only " + acceptedDuringOutage + " orders during the outage");
		run.finish(stats);
	}

}
