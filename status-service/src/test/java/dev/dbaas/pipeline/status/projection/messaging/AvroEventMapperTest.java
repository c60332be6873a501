package dev.dbaas.pipeline.status.projection.messaging;

import java.util.List;

import dev.dbaas.pipeline.contract.order.OrderIdRule;
import dev.dbaas.pipeline.events.OrderPlaced;
import dev.dbaas.pipeline.events.OrderStatusChanged;
import dev.dbaas.pipeline.status.WireEvents;
import dev.dbaas.pipeline.status.order.InstanceChanges;
import dev.dbaas.pipeline.status.order.InvalidOrderEventException;
import dev.dbaas.pipeline.status.order.OrderEvent;
import dev.dbaas.pipeline.status.order.OrderStatus;
import dev.dbaas.pipeline.status.order.OrderTerms;
import dev.dbaas.pipeline.status.order.OrderType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

	@Test
	void mapsAChangeOrderWithItsTypeVersionRequesterProtectionAndChanges() {
		OrderEvent.Placed update = anOrderPlaced(ORDER).ofType(OrderType.UPDATE, 3)
			.requestedBy("portal-backend")
			.deletionProtection(true)
			.changes(new InstanceChanges(100, null, List.of(), true))
			.build();
		OrderEvent.Placed delete = anOrderPlaced(ORDER).ofType(OrderType.DELETE, 4).requestedBy("c-1").build();

		assertThat(this.mapper.placed(WireEvents.toWire(update))).isEqualTo(update);
		assertThat(this.mapper.placed(WireEvents.toWire(delete))).isEqualTo(delete);
	}

	@Test
	void anOrderPlacedWithoutVersionOrTypeIsACreateOfVersionOne() {
		OrderPlaced legacy = WireEvents.toWire(anOrderPlaced(ORDER).build());
		legacy.setInstanceVersion(null);

		assertThat(this.mapper.placed(legacy).terms()).isEqualTo(OrderTerms.LEGACY_CREATE);
	}

	@Test
	void mapsCancelledAndTheTerminalReportOfAChange() {
		OrderEvent.StatusChanged cancelled = aStatusChange(ORDER, OrderStatus.CANCELLED, 3).orderType(OrderType.CREATE)
			.build();
		OrderEvent.StatusChanged failed = aStatusChange(ORDER, OrderStatus.FAILED, 4).orderType(OrderType.UPDATE)
			.instanceUsable(false)
			.failure("INSTANCE_HOST_UNAVAILABLE", "host gone")
			.build();
		OrderEvent.StatusChanged done = aStatusChange(ORDER, OrderStatus.DONE, 5).orderType(OrderType.UPDATE)
			.observed("b2-8", 100, List.of("127.0.0.4/32"), 1200L)
			.build();

		assertThat(this.mapper.statusChanged(WireEvents.toWire(cancelled))).isEqualTo(cancelled);
		assertThat(this.mapper.statusChanged(WireEvents.toWire(failed))).isEqualTo(failed);
		assertThat(this.mapper.statusChanged(WireEvents.toWire(done))).isEqualTo(done);
	}

	@Test
	void rejectsAnOrderTypeThisReaderDoesNotKnowInsteadOfTakingItForACreate() {
		OrderPlaced placed = WireEvents.toWire(anOrderPlaced(ORDER).build());
		placed.setType(dev.dbaas.pipeline.events.OrderType.UNKNOWN);
		OrderStatusChanged changed = WireEvents.toWire(aStatusChange(ORDER, OrderStatus.PROCESSING, 1).build());
		changed.setOrderType(dev.dbaas.pipeline.events.OrderType.UNKNOWN);

		assertThatThrownBy(() -> this.mapper.placed(placed)).isInstanceOf(InvalidOrderEventException.class)
			.hasMessageStartingWith("type UNKNOWN");
		assertThatThrownBy(() -> this.mapper.statusChanged(changed)).isInstanceOf(InvalidOrderEventException.class)
			.hasMessageStartingWith("orderType UNKNOWN");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "version 0", "observed storage 0", "changes with whitespace in a source" })
	void rejectsImpossibleValuesOfTheNewFields(String what) {
		OrderPlaced placed = WireEvents.toWire(anOrderPlaced(ORDER).build());
		OrderStatusChanged done = WireEvents.toWire(aStatusChange(ORDER, OrderStatus.DONE, 3).build());
		switch (what) {
			case "version 0" -> placed.setInstanceVersion(0L);
			case "observed storage 0" -> done
				.setObserved(new dev.dbaas.pipeline.events.ObservedSettings("b2-4", 0, List.of("127.0.0.2/32"), null));
			default -> placed
				.setChanges(new dev.dbaas.pipeline.events.InstanceChanges(null, null, List.of("127.0.0.2 /32"), null));
		}

		assertThatThrownBy(() -> {
			this.mapper.placed(placed);
			this.mapper.statusChanged(done);
		}).isInstanceOf(InvalidOrderEventException.class);
	}

}
