package dev.dbaas.pipeline.status.instance;

import java.util.List;
import java.util.UUID;

import dev.dbaas.pipeline.status.order.InstanceId;
import dev.dbaas.pipeline.status.order.OrderEvent;
import dev.dbaas.pipeline.status.order.OrderStatus;
import dev.dbaas.pipeline.status.order.OrderView;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.dbaas.pipeline.status.order.OrderEvents.aStatusChange;
import static dev.dbaas.pipeline.status.order.OrderEvents.anOrderPlaced;
import static org.assertj.core.api.Assertions.assertThat;

class InstanceViewTest {

	private static final String INSTANCE = "db-0123456789abcdef";

	@ParameterizedTest(name = "create order {0} -> {1}")
	@CsvSource({ "NEW, CREATING, false", "PROCESSING, CREATING, false", "DONE, RUNNING, true",
			"FAILED, FAILED, false" })
	void theStateFollowsTheCreateOrderAndOnlyARunningInstanceHasAConnection(OrderStatus status, InstanceState state,
			boolean connected) {
		String orderId = UUID.randomUUID().toString();
		OrderView order = OrderView.of(anOrderPlaced(orderId).forInstance(INSTANCE, true).build());
		if (status != OrderStatus.NEW) {
			var change = aStatusChange(orderId, status, 1).forInstance(INSTANCE, true)
				.instance("h.example.net", 5432)
				.credentials("k", "sealed");
			if (status == OrderStatus.FAILED) {
				change = aStatusChange(orderId, status, 1).forInstance(INSTANCE, true).failure("X", "y");
			}
			order = order.apply(change.build());
		}

		InstanceView instance = InstanceView.of(new InstanceId(INSTANCE), List.of(order));

		assertThat(instance.state()).isEqualTo(state);
		assertThat(instance.connection() != null).isEqualTo(connected);
		assertThat(instance.credentials() != null).isEqualTo(connected);
		assertThat(instance.createOrder()).isEqualTo(order);
	}

	@ParameterizedTest(name = "orders given in order {0}")
	@CsvSource({ "0", "1" })
	void theCreateOrderIsTheEarliestWhateverTheOrderOfTheList(int reversed) {
		OrderEvent first = anOrderPlaced(UUID.randomUUID().toString()).forInstance(INSTANCE, true).build();
		OrderEvent later = anOrderPlaced(UUID.randomUUID().toString()).forInstance(INSTANCE, true)
			.at(first.occurredAt().plusSeconds(60))
			.build();
		List<OrderView> orders = (reversed == 1) ? List.of(OrderView.of(later), OrderView.of(first))
				: List.of(OrderView.of(first), OrderView.of(later));

		assertThat(InstanceView.of(new InstanceId(INSTANCE), orders).createOrder().orderId())
			.isEqualTo(first.orderId());
	}

}
