package dev.dbaas.pipeline.intake.order;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An accepted order: a create, or a change of an instance (docs/lifecycle.md).
 *
 * @param id the id the intake assigned
 * @param instanceId the database instance the order creates or changes
 * @param spec the instance's complete desired settings after the order; engine, region,
 * invoice profile and documents are the create's
 * @param status its status, {@link OrderStatus#NEW} at the intake
 * @param placedAt when it was accepted
 * @param type what the order does
 * @param instanceVersion its position among the instance's orders: 1 for the create
 * @param deletionProtection whether deletion protection is on after the order
 * @param changes what an UPDATE changes; {@code null} for the other types
 * @param requestedBy the client id of the caller's token
 */
public record Order(OrderId id, InstanceId instanceId, OrderSpec spec, OrderStatus status, Instant placedAt,
		OrderType type, long instanceVersion, boolean deletionProtection, @Nullable InstanceChanges changes,
		String requestedBy) {

	public Order {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(instanceId, "instanceId");
		Objects.requireNonNull(spec, "spec");
		Objects.requireNonNull(status, "status");
		Objects.requireNonNull(placedAt, "placedAt");
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(requestedBy, "requestedBy");
		if (instanceVersion < 1 || (type == OrderType.CREATE) != (instanceVersion == 1)) {
			throw new IllegalArgumentException(
					"a create is version 1 and a change a later one, got " + type + " at " + instanceVersion);
		}
		if ((type == OrderType.UPDATE) != (changes != null)) {
			throw new IllegalArgumentException("an UPDATE, and only an UPDATE, has changes");
		}
	}

	/**
	 * Places a validated create.
	 * @param spec what was ordered
	 * @param id the new order's id
	 * @param instanceId the id of the instance it creates
	 * @param now the time of acceptance
	 * @param requestedBy the client id of the caller
	 * @return the event that says so, holding the new order
	 */
	public static OrderPlaced place(OrderSpec spec, OrderId id, InstanceId instanceId, Instant now,
			String requestedBy) {
		return new OrderPlaced(UUID.randomUUID(),
				new Order(id, instanceId, spec, OrderStatus.NEW, now, OrderType.CREATE, 1, false, null, requestedBy));
	}

	/**
	 * Places a change of an instance, already decided by the instance.
	 * @param desired the instance's complete desired settings after the order
	 * @param id the new order's id
	 * @param instanceId the instance
	 * @param type {@link OrderType#UPDATE} or {@link OrderType#DELETE}
	 * @param instanceVersion the instance's version after the order
	 * @param deletionProtection whether deletion protection is on after the order
	 * @param changes what an UPDATE changes, {@code null} for a DELETE
	 * @param now the time of acceptance
	 * @param requestedBy the client id of the caller
	 * @return the event that says so, holding the new order
	 */
	public static OrderPlaced change(OrderSpec desired, OrderId id, InstanceId instanceId, OrderType type,
			long instanceVersion, boolean deletionProtection, @Nullable InstanceChanges changes, Instant now,
			String requestedBy) {
		if (type == OrderType.CREATE) {
			throw new IllegalArgumentException("a change is an UPDATE or a DELETE");
		}
		return new OrderPlaced(UUID.randomUUID(), new Order(id, instanceId, desired, OrderStatus.NEW, now, type,
				instanceVersion, deletionProtection, changes, requestedBy));
	}

}
