package dev.dbaas.pipeline.provisioner;

import java.time.Duration;
import java.util.List;

import dev.dbaas.pipeline.events.OrderPlaced;
import dev.dbaas.pipeline.events.OrderStatus;
import dev.dbaas.pipeline.events.OrderStatusChanged;
import dev.dbaas.pipeline.provisioner.support.Orders;
import dev.dbaas.pipeline.provisioner.support.ProvisionerTopics;
import dev.dbaas.pipeline.testkit.RealInfrastructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An order this instance accepts wakes its claimer: with a poll interval of 30 seconds,
 * an order is claimed and its first step done within seconds, also when it arrives while
 * the claimer is busy claiming others.
 */
@RealInfrastructure
@SpringBootTest(properties = { "provisioner.workers.poll-interval=30s", "provisioner.simulation.step-latency=20ms",
		"provisioner.outbox.poll-interval=20ms" })
@DirtiesContext
class WorkerPoolWakeUpIntegrationTest {

	/** Far below the poll interval: only a wake-up explains a claim this soon. */
	private static final Duration WELL_BEFORE_THE_POLL = Duration.ofSeconds(5);

	private static final Duration WITHIN = Duration.ofSeconds(60);

	@RegisterExtension
	static final ProvisionerTopics topics = new ProvisionerTopics();

	@Test
	void claimsAnOrderAcceptedHereAtOnceInsteadOfOnTheNextPoll() {
		OrderPlaced first = Orders.anOrderPlaced().build();
		OrderPlaced second = Orders.anOrderPlaced().build();
		topics.place(first);
		await().atMost(WITHIN).until(() -> firstStepDone(first));
		// The claimer has just claimed the first order and found nothing more: without a
		// wake-up it would look again only after the poll interval.

		topics.place(second);

		await().atMost(WELL_BEFORE_THE_POLL).until(() -> firstStepDone(second));
		assertThat(topics.awaitTerminal(second.getOrderId(), WITHIN).getStatus()).isEqualTo(OrderStatus.DONE);
	}

	@Test
	void claimsEveryOrderOfABurstWithoutWaitingForThePoll() {
		List<OrderPlaced> orders = Orders.ordersPlaced(24);

		topics.place(orders);

		// Orders accepted while the claimer claims the ones before them are not left to
		// the poll: each of their wake-ups makes it claim again.
		await().atMost(WELL_BEFORE_THE_POLL.multipliedBy(2))
			.until(() -> orders.stream().allMatch(WorkerPoolWakeUpIntegrationTest::firstStepDone));
		topics.awaitAllTerminal(orders, WITHIN);
		for (OrderPlaced order : orders) {
			assertThat(topics.terminalEventsOf(order.getOrderId())).singleElement()
				.extracting(OrderStatusChanged::getStatus)
				.isEqualTo(OrderStatus.DONE);
		}
	}

	private static boolean firstStepDone(OrderPlaced order) {
		return topics.eventsOf(order.getOrderId()).stream().anyMatch((event) -> event.getSequence() >= 2);
	}

}
