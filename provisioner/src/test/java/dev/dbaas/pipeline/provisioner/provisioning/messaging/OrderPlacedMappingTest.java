package dev.dbaas.pipeline.provisioner.provisioning.messaging;

import java.util.function.Consumer;
import java.util.stream.Stream;

import dev.dbaas.pipeline.events.DatabaseType;
import dev.dbaas.pipeline.events.OrderPlaced;
import dev.dbaas.pipeline.provisioner.provisioning.DatabaseOrder;
import dev.dbaas.pipeline.provisioner.provisioning.EngineType;
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
	}

	static Stream<Arguments> unprocessableOrders() {
		return Stream.of(
				arguments("an engine this version does not know",
						(Consumer<OrderPlaced.Builder>) (b) -> b.setDatabaseType(DatabaseType.UNKNOWN)),
				arguments("a blank version", (Consumer<OrderPlaced.Builder>) (b) -> b.setDatabaseVersion(" ")),
				arguments("no storage", (Consumer<OrderPlaced.Builder>) (b) -> b.setStorageGb(0)),
				arguments("a region that is no region name",
						(Consumer<OrderPlaced.Builder>) (b) -> b.setRegion("de west")));
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

}
