package dev.dbaas.pipeline.status.order;

import java.util.List;

import org.junit.jupiter.api.Test;

import static dev.dbaas.pipeline.status.order.OrderEvents.T0;
import static dev.dbaas.pipeline.status.order.OrderEvents.aStatusChange;
import static dev.dbaas.pipeline.status.order.OrderEvents.anOrderPlaced;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrderViewTest {

	@Test
	void aPlacedOrderIsNewWithItsDetails() {
		OrderView view = OrderView.of(anOrderPlaced("o-1").by("c-1").at(T0).build());

		assertThat(view.status()).isEqualTo(OrderStatus.NEW);
		assertThat(view.customerId()).isEqualTo("c-1");
		assertThat(view.details()).isEqualTo(OrderEvents.someDetails());
		assertThat(view.placedAt()).isEqualTo(T0);
		assertThat(view.lastSequence()).isEqualTo(Transition.PLACEMENT_SEQUENCE);
	}

	@Test
	void processingBeforeItsPlacementCreatesTheOrderAndThePlacementFillsInDetailsWithoutMovingBack() {
		OrderView processing = OrderView.of(aStatusChange("o-1", OrderStatus.PROCESSING, 2).step("VERIFY").build());
		assertThat(processing.details()).isNull();

		OrderView filledIn = processing.apply(anOrderPlaced("o-1").at(T0).build());

		assertThat(filledIn.status()).isEqualTo(OrderStatus.PROCESSING);
		assertThat(filledIn.step()).isEqualTo("VERIFY");
		assertThat(filledIn.details()).isNotNull();
		assertThat(filledIn.orderedAt()).isEqualTo(T0);
		assertThat(filledIn.lastSequence()).isEqualTo(2);
	}

	@Test
	void aTerminalStatusNeverRegresses() {
		OrderView done = OrderView
			.of(aStatusChange("o-1", OrderStatus.DONE, 3).instance("db.example.net", 3306).build());

		OrderView late = done.apply(aStatusChange("o-1", OrderStatus.PROCESSING, 5).step("VERIFY").build());

		assertThat(late.status()).isEqualTo(OrderStatus.DONE);
		assertThat(late.instance()).isEqualTo(new Instance("db.example.net", 3306));
		assertThat(late.lastSequence()).isEqualTo(5);
	}

	@Test
	void failedKeepsItsFailure() {
		OrderView failed = OrderView.of(anOrderPlaced("o-1").build())
			.apply(aStatusChange("o-1", OrderStatus.FAILED, 2).failure("NO_CAPACITY", "Region is full").build());

		assertThat(failed.failure()).isEqualTo(new Failure("NO_CAPACITY", "Region is full"));
	}

	@Test
	void aProcessingEventWithANewStepIsADistinctTransitionAndARepeatedStepIsNot() {
		OrderHistory history = ProjectedOrder
			.fold(List.of(anOrderPlaced("o-1").build(),
					aStatusChange("o-1", OrderStatus.PROCESSING, 1).step("CREATE_INSTANCE").build(),
					aStatusChange("o-1", OrderStatus.PROCESSING, 2).step("CONFIGURE_FIREWALL").build(),
					aStatusChange("o-1", OrderStatus.PROCESSING, 3).step("CONFIGURE_FIREWALL").build()))
			.get(OrderId.of("o-1"))
			.history();

		assertThat(history.transitions()).extracting(Transition::status, Transition::step, Transition::sequence)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(OrderStatus.NEW, null, -1L),
					org.assertj.core.groups.Tuple.tuple(OrderStatus.PROCESSING, "CREATE_INSTANCE", 1L),
					org.assertj.core.groups.Tuple.tuple(OrderStatus.PROCESSING, "CONFIGURE_FIREWALL", 2L));
	}

	@Test
	void theVersionChangesWhenDetailsArriveWithoutANewSequence() {
		OrderView processing = OrderView.of(aStatusChange("o-1", OrderStatus.PROCESSING, 2).build());

		OrderView filledIn = processing.apply(anOrderPlaced("o-1").build());

		assertThat(filledIn.version()).isNotEqualTo(processing.version()).startsWith("2-");
	}

	@Test
	void theCustomerIsThePlacementsOnceItArrives() {
		OrderView view = OrderView.of(aStatusChange("o-1", OrderStatus.PROCESSING, 2).by("someone-else").build())
			.apply(anOrderPlaced("o-1").by("c-1").build());

		assertThat(view.customerId()).isEqualTo("c-1");
	}

	@Test
	void ordersDoNotMergeWithOtherOrders() {
		OrderView one = OrderView.of(anOrderPlaced("o-1").build());
		OrderView two = OrderView.of(anOrderPlaced("o-2").build());

		assertThatThrownBy(() -> one.mergedWith(two)).isInstanceOf(IllegalArgumentException.class);
	}

}
