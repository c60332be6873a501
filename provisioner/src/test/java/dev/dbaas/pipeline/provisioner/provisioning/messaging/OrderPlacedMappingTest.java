package dev.dbaas.pipeline.provisioner.provisioning.messaging;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import dev.dbaas.pipeline.contract.instance.InstanceIdRule;
import dev.dbaas.pipeline.events.DatabaseType;
import dev.dbaas.pipeline.events.OrderPlaced;
import dev.dbaas.pipeline.provisioner.provisioning.DatabaseOrder;
import dev.dbaas.pipeline.provisioner.provisioning.EngineType;
import dev.dbaas.pipeline.provisioner.provisioning.OrderType;
import dev.dbaas.pipeline.provisioner.provisioning.ProvisioningStep;
import dev.dbaas.pipeline.provisioner.support.Orders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class OrderPlacedMappingTest {

	@Test
	void mapsWhatProvisioningNeeds() {
		OrderPlaced event = Orders.anOrderPlaced()
			.setDatabaseType(DatabaseType.POSTGRESQL)
			.setDatabaseVersion("17")
			.build();

		DatabaseOrder order = OrderPlacedMapping.toOrder(event);

		assertThat(order.orderId().value()).isEqualTo(event.getOrderId());
		assertThat(order.engine().type()).isEqualTo(EngineType.POSTGRESQL);
		assertThat(order.engine().version()).isEqualTo("17");
		assertThat(order.region().name()).isEqualTo("DE-WEST-1");
		assertThat(order.trustedSources()).containsExactly("123.123.123.123/32", "222.222.222.128/28");
		assertThat(order.storageGb()).isEqualTo(50);
		assertThat(order.type()).isEqualTo(OrderType.CREATE);
		assertThat(order.instanceVersion()).as("a create without a version (written before change orders)")
			.isEqualTo(1);
		assertThat(order.changes()).isNull();
	}

	@Test
	void mapsAnUpdateWithItsInstanceVersionAndChanges() {
		OrderPlaced create = Orders.aCreate().build();
		OrderPlaced event = Orders.anUpdate(create, 3, Orders.changes(100, null, List.of("127.0.0.4/32"))).build();

		DatabaseOrder order = OrderPlacedMapping.toOrder(event);

		assertThat(order.type()).isEqualTo(OrderType.UPDATE);
		assertThat(order.instanceId()).isEqualTo(create.getInstanceId());
		assertThat(order.instanceVersion()).isEqualTo(3);
		assertThat(order.storageGb()).isEqualTo(100);
		assertThat(order.trustedSources()).containsExactly("127.0.0.4/32");
		assertThat(order.changes().storageGb()).isEqualTo(100);
		assertThat(order.changes().nodeSize()).isNull();
		assertThat(order.steps()).containsExactly(ProvisioningStep.APPLY_STORAGE,
				ProvisioningStep.APPLY_TRUSTED_SOURCES, ProvisioningStep.VERIFY_SETTINGS);
	}

	@Test
	void mapsADeleteToItsThreeSteps() {
		OrderPlaced create = Orders.aCreate().build();

		DatabaseOrder order = OrderPlacedMapping.toOrder(Orders.aDelete(create, 2).build());

		assertThat(order.type()).isEqualTo(OrderType.DELETE);
		assertThat(order.instanceVersion()).isEqualTo(2);
		assertThat(order.steps()).containsExactly(ProvisioningStep.STOP_SERVER, ProvisioningStep.REMOVE_DATA,
				ProvisioningStep.VERIFY_DELETED);
	}

	static Stream<Arguments> unprocessableOrders() {
		return Stream.of(
				arguments("an engine this version does not know",
						(Consumer<OrderPlaced.Builder>) (b) -> b.setDatabaseType(DatabaseType.UNKNOWN)),
				arguments("a blank version", (Consumer<OrderPlaced.Builder>) (b) -> b.setDatabaseVersion(" ")),
				arguments("no storage", (Consumer<OrderPlaced.Builder>) (b) -> b.setStorageGb(0)),
				arguments("a region that is no region name",
						(Consumer<OrderPlaced.Builder>) (b) -> b.setRegion("de west")),
				arguments("an order type this version does not know",
						(Consumer<OrderPlaced.Builder>) (b) -> b.setType(dev.dbaas.pipeline.events.OrderType.UNKNOWN)),
				arguments("a change without its instance id",
						(Consumer<OrderPlaced.Builder>) (b) -> b.setType(dev.dbaas.pipeline.events.OrderType.DELETE)
							.setInstanceVersion(2L)
							.setInstanceId(null)),
				arguments("a change without its instance version",
						(Consumer<OrderPlaced.Builder>) (b) -> b.setType(dev.dbaas.pipeline.events.OrderType.DELETE)
							.setInstanceId(InstanceIdRule.newId())
							.setInstanceVersion(null)),
				arguments("an update without changes",
						(Consumer<OrderPlaced.Builder>) (b) -> b.setType(dev.dbaas.pipeline.events.OrderType.UPDATE)
							.setInstanceId(InstanceIdRule.newId())
							.setInstanceVersion(2L)),
				arguments("a create that claims a later version",
						(Consumer<OrderPlaced.Builder>) (b) -> b.setInstanceVersion(2L)),
				arguments("a change that claims version 1",
						(Consumer<OrderPlaced.Builder>) (b) -> b.setType(dev.dbaas.pipeline.events.OrderType.DELETE)
							.setInstanceId(InstanceIdRule.newId())
							.setInstanceVersion(1L)));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("unprocessableOrders")
	void refusesAnOrderProvisioningCannotActOnSoThatItIsDeadLettered(String reason,
			Consumer<OrderPlaced.Builder> change) {
		OrderPlaced.Builder builder = Orders.anOrderPlaced();
		change.accept(builder);
		OrderPlaced event = builder.build();

		assertThatExceptionOfType(UnprocessableOrder.class).as(reason)
			.isThrownBy(() -> OrderPlacedMapping.toOrder(event))
			.withMessageContaining(event.getOrderId());
	}

	@Test
	void saysWhyAnUnknownOrderTypeIsNotProvisioned() {
		OrderPlaced event = Orders.anOrderPlaced().setType(dev.dbaas.pipeline.events.OrderType.UNKNOWN).build();

		assertThatExceptionOfType(UnprocessableOrder.class).isThrownBy(() -> OrderPlacedMapping.toOrder(event))
			.withMessageContaining("order type is UNKNOWN")
			.withMessageContaining("not treated as a create");
	}

}
