package dev.dbaas.pipeline.status.instance;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;

import dev.dbaas.pipeline.status.order.InstanceChanges;
import dev.dbaas.pipeline.status.order.InstanceId;
import dev.dbaas.pipeline.status.order.OrderDetails;
import dev.dbaas.pipeline.status.order.OrderEvent;
import dev.dbaas.pipeline.status.order.OrderEvents;
import dev.dbaas.pipeline.status.order.OrderStatus;
import dev.dbaas.pipeline.status.order.OrderType;
import dev.dbaas.pipeline.status.order.OrderView;
import dev.dbaas.pipeline.status.order.ProjectedOrder;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static dev.dbaas.pipeline.status.order.OrderEvents.aStatusChange;
import static dev.dbaas.pipeline.status.order.OrderEvents.anOrderPlaced;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The instance state machine of docs/lifecycle.md as a pure fold of an instance's orders:
 * every state, from events delivered in any order and twice.
 */
class InstanceLifecycleTest {

	private static final String INSTANCE = "db-00112233445566ff";

	private static final String CREATE = UUID.randomUUID().toString();

	private static final String CHANGE = UUID.randomUUID().toString();

	private static final String SECOND_CHANGE = UUID.randomUUID().toString();

	private static final OrderDetails CREATED = new OrderDetails("POSTGRESQL", "17", "b2-4", 50, "DE-WEST-1",
			List.of("127.0.0.2/32"));

	private static final OrderDetails GROWN = new OrderDetails("POSTGRESQL", "17", "b2-8", 100, "DE-WEST-1",
			List.of("127.0.0.4/32"));

	static Stream<Arguments> lifecycles() {
		return Stream.of(Arguments.of("create placed", List.of(create()), InstanceState.CREATING, OrderType.CREATE),
				Arguments.of("create processing",
						List.of(create(), status(CREATE, OrderType.CREATE, OrderStatus.PROCESSING, 1)),
						InstanceState.CREATING, OrderType.CREATE),
				Arguments.of("create done", running(), InstanceState.RUNNING, null),
				Arguments.of("create failed",
						List.of(create(), status(CREATE, OrderType.CREATE, OrderStatus.FAILED, 2)),
						InstanceState.FAILED, null),
				Arguments.of("update placed", with(running(), update(2)), InstanceState.UPDATING, OrderType.UPDATE),
				Arguments.of("update processing",
						with(running(), update(2), status(CHANGE, OrderType.UPDATE, OrderStatus.PROCESSING, 1)),
						InstanceState.UPDATING, OrderType.UPDATE),
				Arguments.of("update status before its placement",
						with(running(), status(CHANGE, OrderType.UPDATE, OrderStatus.PROCESSING, 1)),
						InstanceState.UPDATING, OrderType.UPDATE),
				Arguments.of("update done", with(running(), update(2), updateDone()), InstanceState.RUNNING, null),
				Arguments.of("update failed, instance usable",
						with(running(), update(2), failed(CHANGE, OrderType.UPDATE, true)), InstanceState.RUNNING,
						null),
				Arguments.of("update failed, instance unusable",
						with(running(), update(2), failed(CHANGE, OrderType.UPDATE, false)), InstanceState.FAILED,
						null),
				Arguments.of("update failed without saying",
						with(running(), update(2), failed(CHANGE, OrderType.UPDATE, null)), InstanceState.RUNNING,
						null),
				Arguments.of("delete placed", with(running(), delete(CHANGE, 2)), InstanceState.DELETING,
						OrderType.DELETE),
				Arguments.of("delete done",
						with(running(), delete(CHANGE, 2), status(CHANGE, OrderType.DELETE, OrderStatus.DONE, 3)),
						InstanceState.DELETED, null),
				Arguments.of("delete failed, instance unusable",
						with(running(), delete(CHANGE, 2), failed(CHANGE, OrderType.DELETE, false)),
						InstanceState.FAILED, null),
				Arguments.of("delete cancels a running create",
						List.of(create(), status(CREATE, OrderType.CREATE, OrderStatus.PROCESSING, 1),
								delete(CHANGE, 2)),
						InstanceState.DELETING, OrderType.DELETE),
				Arguments.of("create cancelled, delete still to run",
						List.of(create(), status(CREATE, OrderType.CREATE, OrderStatus.CANCELLED, 2),
								delete(CHANGE, 2)),
						InstanceState.DELETING, OrderType.DELETE),
				Arguments.of("create cancelled, delete not seen yet",
						List.of(create(), status(CREATE, OrderType.CREATE, OrderStatus.CANCELLED, 2)),
						InstanceState.DELETING, null),
				Arguments.of("create cancelled, delete done",
						List.of(create(), status(CREATE, OrderType.CREATE, OrderStatus.CANCELLED, 2), delete(CHANGE, 2),
								status(CHANGE, OrderType.DELETE, OrderStatus.DONE, 3)),
						InstanceState.DELETED, null),
				Arguments.of("update done, then delete done",
						with(running(), update(2), updateDone(), delete(SECOND_CHANGE, 3),
								status(SECOND_CHANGE, OrderType.DELETE, OrderStatus.DONE, 3)),
						InstanceState.DELETED, null));
	}

	@ParameterizedTest(name = "{0} -> {2}")
	@MethodSource("lifecycles")
	void theStateFollowsTheOrdersWhateverTheDeliveryOrder(String name, List<OrderEvent> events, InstanceState state,
			@Nullable OrderType pending) {
		Random random = new Random(name.hashCode());
		for (int delivery = 0; delivery < 20; delivery++) {
			List<OrderEvent> delivered = new ArrayList<>(events);
			delivered.addAll(events.subList(0, random.nextInt(events.size() + 1)));
			Collections.shuffle(delivered, random);

			InstanceView instance = fold(delivered);

			assertThat(instance.state()).as(name).isEqualTo(state);
			assertThat((instance.pendingOrder() != null) ? instance.pendingOrder().type() : null).as(name)
				.isEqualTo(pending);
			assertThat(instance.connection() != null).as(name).isEqualTo(state.serves());
			assertThat(instance).as(name).isEqualTo(fold(events));
		}
	}

	@Test
	void desiredIsTheNewestOrderThatDidNotFailAndObservedTheNewestDone() {
		InstanceView updating = fold(with(running(), update(2)));
		InstanceView updated = fold(with(running(), update(2), updateDone()));
		InstanceView refused = fold(with(running(), update(2), failed(CHANGE, OrderType.UPDATE, true)));

		assertThat(updating.desired())
			.isEqualTo(new InstanceSettings("b2-8", 100, List.of("127.0.0.4/32"), true, null));
		assertThat(updating.observed()).isEqualTo(new InstanceSettings("b2-4", 50, List.of("127.0.0.2/32"), false, 0L));
		assertThat(updated.observed())
			.isEqualTo(new InstanceSettings("b2-8", 100, List.of("127.0.0.4/32"), true, 1500L));
		assertThat(refused.desired()).isEqualTo(new InstanceSettings("b2-4", 50, List.of("127.0.0.2/32"), false, null));
		assertThat(refused.observed()).isEqualTo(updating.observed());
	}

	@Test
	void aLegacyDoneWithoutObservedSettingsIsObservedAsOrdered() {
		InstanceView legacy = fold(List.of(anOrderPlaced(CREATE).forInstance(INSTANCE, true).with(CREATED).build(),
				aStatusChange(CREATE, OrderStatus.DONE, 3).forInstance(INSTANCE, true)
					.instance("127.0.0.1", 20001)
					.build()));

		assertThat(legacy.state()).isEqualTo(InstanceState.RUNNING);
		assertThat(legacy.version()).isEqualTo(1);
		assertThat(legacy.observed()).isEqualTo(new InstanceSettings("b2-4", 50, List.of("127.0.0.2/32"), false, null));
	}

	@Test
	void theVersionIsTheHighestPlacedInstanceVersion() {
		assertThat(fold(running()).version()).isEqualTo(1);
		assertThat(fold(with(running(), status(CHANGE, OrderType.UPDATE, OrderStatus.PROCESSING, 1))).version())
			.as("a change whose placement has not arrived has no version yet")
			.isEqualTo(1);
		assertThat(fold(with(running(), update(2), updateDone(), delete(SECOND_CHANGE, 3))).version()).isEqualTo(3);
	}

	@Test
	void aDeletedInstanceShowsNoConnectionNoCredentialsAndNothingObserved() {
		InstanceView deleted = fold(
				with(running(), delete(CHANGE, 2), status(CHANGE, OrderType.DELETE, OrderStatus.DONE, 3)));

		assertThat(deleted.connection()).isNull();
		assertThat(deleted.credentials()).isNull();
		assertThat(deleted.observed()).isNull();
		assertThat(deleted.createOrder().orderId().value()).isEqualTo(CREATE);
	}

	private static InstanceView fold(List<OrderEvent> events) {
		List<OrderView> orders = ProjectedOrder.fold(events).values().stream().map(ProjectedOrder::view).toList();
		return InstanceView.of(new InstanceId(INSTANCE), orders);
	}

	private static List<OrderEvent> running() {
		return List.of(create(), status(CREATE, OrderType.CREATE, OrderStatus.PROCESSING, 1),
				aStatusChange(CREATE, OrderStatus.DONE, 2).forInstance(INSTANCE, true)
					.orderType(OrderType.CREATE)
					.instance("127.0.0.1", 20001)
					.credentials("key", "sealed")
					.observed("b2-4", 50, List.of("127.0.0.2/32"), 0L)
					.build());
	}

	private static List<OrderEvent> with(List<OrderEvent> before, OrderEvent... more) {
		List<OrderEvent> all = new ArrayList<>(before);
		all.addAll(List.of(more));
		return all;
	}

	private static OrderEvent create() {
		return anOrderPlaced(CREATE).forInstance(INSTANCE, true)
			.with(CREATED)
			.ofType(OrderType.CREATE, 1)
			.requestedBy("c-1")
			.build();
	}

	private static OrderEvent update(long version) {
		return anOrderPlaced(CHANGE).forInstance(INSTANCE, true)
			.at(OrderEvents.T0.plusSeconds(600))
			.with(GROWN)
			.ofType(OrderType.UPDATE, version)
			.requestedBy("portal")
			.deletionProtection(true)
			.changes(new InstanceChanges(100, "b2-8", List.of("127.0.0.4/32"), true))
			.build();
	}

	private static OrderEvent updateDone() {
		return aStatusChange(CHANGE, OrderStatus.DONE, 5).forInstance(INSTANCE, true)
			.at(OrderEvents.T0.plusSeconds(700))
			.orderType(OrderType.UPDATE)
			.observed("b2-8", 100, List.of("127.0.0.4/32"), 1500L)
			.build();
	}

	private static OrderEvent delete(String orderId, long version) {
		return anOrderPlaced(orderId).forInstance(INSTANCE, true)
			.at(OrderEvents.T0.plusSeconds(300L * version))
			.with(GROWN)
			.ofType(OrderType.DELETE, version)
			.requestedBy("c-1")
			.build();
	}

	private static OrderEvent status(String orderId, OrderType type, OrderStatus status, long sequence) {
		return aStatusChange(orderId, status, sequence).forInstance(INSTANCE, true)
			.at(OrderEvents.T0.plusSeconds(((orderId.equals(CREATE)) ? 0 : 900) + sequence))
			.orderType(type)
			.build();
	}

	private static OrderEvent failed(String orderId, OrderType type, @Nullable Boolean usable) {
		return aStatusChange(orderId, OrderStatus.FAILED, 4).forInstance(INSTANCE, true)
			.at(OrderEvents.T0.plusSeconds(950))
			.orderType(type)
			.instanceUsable(usable)
			.failure("APPLY_FAILED", "could not apply")
			.build();
	}

}
