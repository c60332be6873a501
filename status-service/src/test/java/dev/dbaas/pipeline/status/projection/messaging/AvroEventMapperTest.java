package dev.dbaas.pipeline.status.projection.messaging;

import dev.dbaas.pipeline.contract.order.OrderIdRule;
import dev.dbaas.pipeline.events.OrderPlaced;
import dev.dbaas.pipeline.events.OrderStatusChanged;
import dev.dbaas.pipeline.status.WireEvents;
import dev.dbaas.pipeline.status.order.InvalidOrderEventException;
import dev.dbaas.pipeline.status.order.OrderEvent;
import dev.dbaas.pipeline.status.order.OrderStatus;
import org.junit.jupiter.api.Test;

import static dev.dbaas.pipeline.status.order.OrderEvents.aStatusChange;
import static dev.dbaas.pipeline.status.order.OrderEvents.anOrderPlaced;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AvroEventMapperTest {

	private static final String ORDER = "5f0c7a7e-1d3b-4c8e-9a51-2b7d0c4e8f10";

	private final AvroEventMapper mapper = new AvroEventMapper();

	@Test
	void mapsAnOrderPlacedWithAllItsDetails() {
		OrderEvent.Placed placed = anOrderPlaced(ORDER).by("c-1").in("FR-1").build();

		assertThat(this.mapper.placed(WireEvents.toWire(placed))).isEqualTo(placed);
	}

	@Test
	void mapsAStatusChangeWithFailureAndInstance() {
		OrderEvent.StatusChanged failed = aStatusChange(ORDER, OrderStatus.FAILED, 4).step("VERIFY")
			.failure("NO_CAPACITY", "Region is full")
			.build();
		OrderEvent.StatusChanged done = aStatusChange(ORDER, OrderStatus.DONE, 5).instance("db.example.net", 3306)
			.build();

		assertThat(this.mapper.statusChanged(WireEvents.toWire(failed))).isEqualTo(failed);
		assertThat(this.mapper.statusChanged(WireEvents.toWire(done))).isEqualTo(done);
	}

	@Test
	void rejectsAStatusThisReaderDoesNotKnow() {
		OrderStatusChanged future = WireEvents.toWire(aStatusChange(ORDER, OrderStatus.PROCESSING, 1).build());
		future.setStatus(dev.dbaas.pipeline.events.OrderStatus.UNKNOWN);

		assertThatThrownBy(() -> this.mapper.statusChanged(future)).isInstanceOf(InvalidOrderEventException.class)
			.hasMessageContaining("status UNKNOWN");
	}

	@Test
	void rejectsAnEventIdThatIsNotAUuid() {
		OrderPlaced placed = WireEvents.toWire(anOrderPlaced(ORDER).build());
		placed.setEventId("evt-1");

		assertThatThrownBy(() -> this.mapper.placed(placed)).isInstanceOf(InvalidOrderEventException.class);
	}

	@Test
	void rejectsAnOrderIdThatBreaksTheContractsRuleWithTheRulesReason() {
		OrderPlaced placed = WireEvents.toWire(anOrderPlaced(ORDER).build());
		placed.setOrderId("o-" + ORDER);
		OrderStatusChanged changed = WireEvents.toWire(aStatusChange(ORDER, OrderStatus.PROCESSING, 1).build());
		changed.setOrderId("x".repeat(100));

		assertThatThrownBy(() -> this.mapper.placed(placed)).isInstanceOf(InvalidOrderEventException.class)
			.hasMessage(OrderIdRule.problemWith(placed.getOrderId()).orElseThrow());
		assertThatThrownBy(() -> this.mapper.statusChanged(changed)).isInstanceOf(InvalidOrderEventException.class)
			.hasMessageContaining("orderId has 100 characters");
	}

}
