package dev.dbaas.pipeline.intake.instance;

import java.util.List;
import java.util.stream.Stream;

import dev.dbaas.pipeline.intake.order.CustomerId;
import dev.dbaas.pipeline.intake.order.InstanceId;
import dev.dbaas.pipeline.intake.order.OrderId;
import dev.dbaas.pipeline.intake.order.OrderType;
import dev.dbaas.pipeline.intake.order.StorageSize;
import dev.dbaas.pipeline.intake.order.TrustedSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The guarded transitions of an instance: which change orders it takes, and what each
 * terminal status does to it, delivered once or twice.
 */
class InstanceTest {

	private static final DesiredSettings SMALL = new DesiredSettings("b2-4", new StorageSize(50),
			List.of(TrustedSource.ofCidr("123.123.123.123/32")), false);

	private static final DesiredSettings LARGE = new DesiredSettings("b4-8", new StorageSize(100),
			List.of(TrustedSource.ofCidr("123.123.123.123/32")), false);

	private final OrderId create = OrderId.random();

	private final Instance creating = new Instance(new InstanceId("db-0123456789abcdef"), new CustomerId("c-1"), 1,
			InstanceState.ACTIVE, SMALL, new PendingOrder(this.create, OrderType.CREATE), null);

	private final Instance running = this.creating.settle(OrderType.CREATE, done(this.create));

	@Test
	void takesAnUpdateOnlyWhenNothingIsPending() {
		OrderId update = OrderId.random();

		Instance updating = this.running.accept(update, OrderType.UPDATE, LARGE);

		assertThat(updating.version()).isEqualTo(2);
		assertThat(updating.desired()).isEqualTo(LARGE);
		assertThat(updating.previous()).isEqualTo(SMALL);
		assertThat(updating.pending()).isEqualTo(new PendingOrder(update, OrderType.UPDATE));
		assertThatThrownBy(() -> this.creating.accept(OrderId.random(), OrderType.UPDATE, LARGE))
			.isInstanceOf(IllegalStateException.class);
		assertThatThrownBy(() -> updating.accept(OrderId.random(), OrderType.DELETE, LARGE))
			.isInstanceOf(IllegalStateException.class);
	}

	@Test
	void takesADeleteDuringItsCreate() {
		OrderId delete = OrderId.random();

		Instance deleting = this.creating.accept(delete, OrderType.DELETE, SMALL);

		assertThat(deleting.pending()).isEqualTo(new PendingOrder(delete, OrderType.DELETE));
		assertThat(deleting.settle(OrderType.CREATE, new Settlement(this.create, Settlement.Outcome.CANCELLED, null)))
			.isSameAs(deleting);
		assertThat(deleting.settle(OrderType.DELETE, done(delete)).state()).isEqualTo(InstanceState.DELETED);
	}

	static Stream<Arguments> settlementsOfAnUpdate() {
		return Stream.of(Arguments.of(Settlement.Outcome.DONE, null, InstanceState.ACTIVE, LARGE),
				Arguments.of(Settlement.Outcome.FAILED, true, InstanceState.ACTIVE, SMALL),
				Arguments.of(Settlement.Outcome.FAILED, null, InstanceState.ACTIVE, SMALL),
				Arguments.of(Settlement.Outcome.FAILED, false, InstanceState.FAILED, SMALL));
	}

	@ParameterizedTest(name = "{0} usable={1} -> {2}")
	@MethodSource("settlementsOfAnUpdate")
	void settlesAnUpdateOnceEvenWhenDeliveredTwice(Settlement.Outcome outcome, @Nullable Boolean usable,
			InstanceState state, DesiredSettings desired) {
		OrderId update = OrderId.random();
		Instance updating = this.running.accept(update, OrderType.UPDATE, LARGE);
		Settlement settlement = new Settlement(update, outcome, usable);

		Instance once = updating.settle(OrderType.UPDATE, settlement);
		Instance twice = once.settle(OrderType.UPDATE, settlement);

		assertThat(once.pending()).isNull();
		assertThat(once.previous()).isNull();
		assertThat(once.state()).isEqualTo(state);
		assertThat(once.desired()).isEqualTo(desired);
		assertThat(once.version()).isEqualTo(2);
		assertThat(twice).isSameAs(once);
	}

	@Test
	void failsWithAFailedCreateAndStaysDeletedAfterADoneDelete() {
		assertThat(this.creating.settle(OrderType.CREATE, new Settlement(this.create, Settlement.Outcome.FAILED, null))
			.state()).isEqualTo(InstanceState.FAILED);
		OrderId delete = OrderId.random();
		Instance deleted = this.running.accept(delete, OrderType.DELETE, SMALL).settle(OrderType.DELETE, done(delete));

		assertThat(deleted.state()).isEqualTo(InstanceState.DELETED);
		assertThat(deleted.settle(OrderType.CREATE, new Settlement(this.create, Settlement.Outcome.FAILED, null)))
			.isSameAs(deleted);
	}

	@Test
	void leavesAPendingOrderAloneWhenAnotherOrderSettles() {
		OrderId update = OrderId.random();
		Instance updating = this.running.accept(update, OrderType.UPDATE, LARGE);

		assertThat(updating.settle(OrderType.CREATE, done(this.create))).isSameAs(updating);
	}

	@Test
	void holdsAPreconditionOnlyForTheCurrentStrongETag() {
		assertThat(Precondition.ifMatch(null).holdsFor(3)).isTrue();
		assertThat(Precondition.ifMatch("\"3\"").holdsFor(3)).isTrue();
		assertThat(Precondition.ifMatch("\"2\", \"3\"").holdsFor(3)).isTrue();
		assertThat(Precondition.ifMatch("*").holdsFor(3)).isTrue();
		assertThat(Precondition.ifMatch("\"2\"").holdsFor(3)).isFalse();
		assertThat(Precondition.ifMatch("W/\"3\"").holdsFor(3)).isFalse();
		assertThat(Precondition.ifMatch("3").holdsFor(3)).isFalse();
		assertThat(Precondition.ifMatch("").holdsFor(3)).isFalse();
	}

	private static Settlement done(OrderId order) {
		return new Settlement(order, Settlement.Outcome.DONE, null);
	}

}
