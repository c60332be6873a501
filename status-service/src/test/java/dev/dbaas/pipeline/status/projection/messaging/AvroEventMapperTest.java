package dev.dbaas.pipeline.status.projection.messaging;

import org.junit.jupiter.api.Test;

import dev.dbaas.pipeline.events.OrderPlaced;
import dev.dbaas.pipeline.events.OrderStatusChanged;
import dev.dbaas.pipeline.status.WireEvents;
import dev.dbaas.pipeline.status.order.InvalidOrderEventException;
import dev.dbaas.pipeline.status.order.OrderEvent;
import dev.dbaas.pipeline.status.order.OrderStatus;

import static dev.dbaas.pipeline.status.order.OrderEvents.aStatusChange;
import static dev.dbaas.pipeline.status.order.OrderEvents.anOrderPlaced;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AvroEventMapperTest {

	private final AvroEventMapper mapper = new AvroEventMapper();

	@Test
	void mapsAnOrderPlacedWithAllItsDetails() {
		OrderEvent.Placed placed = anOrderPlaced("o-1").by("c-1").in("FR-1").build();

		assertThat(this.mapper.placed(WireEvents.toWire(placed))).isEqualTo(placed);
	}

	@Test
	void mapsAStatusChangeWithFailureAndInstance() {
		OrderEvent.StatusChanged failed = aStatusChange("o-1", OrderStatus.FAILED, 4).step("VERIFY")
			.failure("NO_CAPACITY", "Region is full")
			.build();
		OrderEvent.StatusChanged done = aStatusChange("o-1", OrderStatus.DONE, 5).instance("db.example.net", 3306)
			.build();

		assertThat(this.mapper.statusChanged(WireEvents.toWire(failed))).isEqualTo(failed);
		assertThat(this.mapper.statusChanged(WireEvents.toWire(done))).isEqualTo(done);
	}

	@Test
	void rejectsAStatusThisReaderDoesNotKnow() {
		OrderStatusChanged future = WireEvents.toWire(aStatusChange("o-1", OrderStatus.PROCESSING, 1).build());
		future.setStatus(dev.dbaas.pipeline.events.OrderStatus.UNKNOWN);

		assertThatThrownBy(() -> this.mapper.statusChanged(future)).isInstanceOf(InvalidOrderEventException.class)
			.hasMessageContaining("status UNKNOWN");
	}

	@Test
	void rejectsAnEventIdThatIsNotAUuid() {
		OrderPlaced placed = WireEvents.toWire(anOrderPlaced("o-1").build());
		placed.setEventId("evt-1");

		assertThatThrownBy(() -> this.mapper.placed(placed)).isInstanceOf(InvalidOrderEventException.class);
	}

}
