package dev.dbaas.pipeline.intake.order;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An accepted order.
 *
 * @param id the id the intake assigned
 * @param instanceId the database instance the order creates
 * @param spec what was ordered
 * @param status its status, {@link OrderStatus#NEW} at the intake
 * @param placedAt when it was accepted
 */
public record Order(OrderId id, InstanceId instanceId, OrderSpec spec, OrderStatus status, Instant placedAt) {

	public Order {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(instanceId, "instanceId");
		Objects.requireNonNull(spec, "spec");
		Objects.requireNonNull(status, "status");
		Objects.requireNonNull(placedAt, "placedAt");
	}

	/**
	 * Places a validated order.
	 * @param spec what was ordered
	 * @param id the new order's id
	 * @param instanceId the id of the instance it creates
	 * @param now the time of acceptance
	 * @return the event that says so, holding the new order
	 */
	public static OrderPlaced place(OrderSpec spec, OrderId id, InstanceId instanceId, Instant now) {
		return new OrderPlaced(UUID.randomUUID(), new Order(id, instanceId, spec, OrderStatus.NEW, now));
	}

}
