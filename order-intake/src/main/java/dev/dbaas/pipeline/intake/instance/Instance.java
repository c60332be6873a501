package dev.dbaas.pipeline.intake.instance;

import java.util.Objects;

import dev.dbaas.pipeline.intake.order.CustomerId;
import dev.dbaas.pipeline.intake.order.InstanceId;
import dev.dbaas.pipeline.intake.order.Order;
import dev.dbaas.pipeline.intake.order.OrderId;
import dev.dbaas.pipeline.intake.order.OrderType;
import org.jspecify.annotations.Nullable;

/**
 * A database instance as order-intake knows it: whose it is, its version (the ETag), the
 * desired settings after its newest accepted order, which order is pending and whether it
 * still takes orders. Immutable: each transition returns the instance after it and
 * refuses an illegal move with {@link IllegalStateException}.
 *
 * @param id the instance's id
 * @param customerId its customer
 * @param version the version of its newest accepted order: 1 for the create
 * @param state whether it takes orders
 * @param desired its desired settings after the newest accepted order
 * @param pending the order that is not terminal yet, if any
 * @param previous the desired settings from before a pending UPDATE, restored if it
 * fails; {@code null} unless an UPDATE is pending
 */
public record Instance(InstanceId id, CustomerId customerId, long version, InstanceState state, DesiredSettings desired,
		@Nullable PendingOrder pending, @Nullable DesiredSettings previous) {

	public Instance {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(customerId, "customerId");
		Objects.requireNonNull(state, "state");
		Objects.requireNonNull(desired, "desired");
		if (version < 1) {
			throw new IllegalArgumentException("an instance's version starts at 1, got " + version);
		}
		if (previous != null && (pending == null || pending.type() != OrderType.UPDATE)) {
			throw new IllegalArgumentException("only a pending UPDATE keeps the settings it replaced");
		}
	}

	/**
	 * The instance a create makes: version 1, the create pending.
	 * @param create an accepted create
	 * @return the new instance
	 */
	public static Instance createdBy(Order create) {
		if (create.type() != OrderType.CREATE) {
			throw new IllegalArgumentException("an instance is made by its create, not by a " + create.type());
		}
		return new Instance(create.instanceId(), create.spec().customerId(), 1, InstanceState.ACTIVE,
				new DesiredSettings(create.spec().nodeSize(), create.spec().storage(), create.spec().trustedSources(),
						create.deletionProtection()),
				new PendingOrder(create.id(), OrderType.CREATE), null);
	}

	/**
	 * Whether a change order may be placed now, apart from its own rules: the instance is
	 * ACTIVE and nothing is pending, or a DELETE meets a pending create (a cancel).
	 * @param type the change order's type
	 * @return the order that blocks it, if one does
	 */
	public @Nullable PendingOrder blockerOf(OrderType type) {
		if (this.pending == null || (type == OrderType.DELETE && this.pending.type() == OrderType.CREATE)) {
			return null;
		}
		return this.pending;
	}

	/**
	 * Takes an accepted change order: the next version, the order pending, its settings
	 * desired.
	 * @param order the change order's id
	 * @param type {@link OrderType#UPDATE} or {@link OrderType#DELETE}
	 * @param after the desired settings after the order
	 * @return the instance after the order
	 * @throws IllegalStateException if the instance does not take the order now
	 */
	public Instance accept(OrderId order, OrderType type, DesiredSettings after) {
		if (type == OrderType.CREATE) {
			throw new IllegalArgumentException("an instance has one create");
		}
		if (this.state != InstanceState.ACTIVE) {
			throw new IllegalStateException("instance " + this.id + " is " + this.state + " and takes no orders");
		}
		if (blockerOf(type) != null) {
			throw new IllegalStateException("instance " + this.id + " has order " + this.pending + " pending");
		}
		return new Instance(this.id, this.customerId, this.version + 1, this.state, after,
				new PendingOrder(order, type), (type == OrderType.UPDATE) ? this.desired : null);
	}

	/**
	 * Applies an order's terminal status. Idempotent: settling the same order twice gives
	 * the same instance as settling it once.
	 * <ul>
	 * <li>The order stops being pending if it was.</li>
	 * <li>A FAILED create, or a FAILED change with {@code instanceUsable=false}, makes
	 * the instance FAILED.</li>
	 * <li>A FAILED UPDATE that was pending restores the settings from before it.</li>
	 * <li>A DONE DELETE makes it DELETED.</li>
	 * <li>A CANCELLED create changes nothing: the DELETE that cancelled it is pending and
	 * its own terminal status decides.</li>
	 * </ul>
	 * A DELETED instance stays DELETED.
	 * @param type what the order does
	 * @param settlement its terminal status
	 * @return the instance after it; this one if nothing changes
	 */
	public Instance settle(OrderType type, Settlement settlement) {
		if (this.state == InstanceState.DELETED) {
			return this;
		}
		boolean wasPending = this.pending != null && this.pending.orderId().equals(settlement.orderId());
		PendingOrder pendingAfter = wasPending ? null : this.pending;
		DesiredSettings desiredAfter = this.desired;
		InstanceState stateAfter = this.state;
		Settlement.Outcome outcome = settlement.outcome();
		if (outcome == Settlement.Outcome.CANCELLED && type == OrderType.CREATE) {
			return this;
		}
		if (outcome == Settlement.Outcome.FAILED) {
			if (type == OrderType.CREATE || Boolean.FALSE.equals(settlement.instanceUsable())) {
				stateAfter = InstanceState.FAILED;
			}
			if (type == OrderType.UPDATE && wasPending && this.previous != null) {
				desiredAfter = this.previous;
			}
		}
		if (outcome == Settlement.Outcome.DONE && type == OrderType.DELETE) {
			stateAfter = InstanceState.DELETED;
		}
		DesiredSettings previousAfter = (pendingAfter != null) ? this.previous : null;
		Instance after = new Instance(this.id, this.customerId, this.version, stateAfter, desiredAfter, pendingAfter,
				previousAfter);
		return after.equals(this) ? this : after;
	}

}
