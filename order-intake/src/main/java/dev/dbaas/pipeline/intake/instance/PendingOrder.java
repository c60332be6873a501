package dev.dbaas.pipeline.intake.instance;

import java.util.Objects;

import dev.dbaas.pipeline.intake.order.OrderId;
import dev.dbaas.pipeline.intake.order.OrderType;

/**
 * The order of an instance that is not terminal yet.
 *
 * @param orderId its id
 * @param type what it does
 */
public record PendingOrder(OrderId orderId, OrderType type) {

	public PendingOrder {
		Objects.requireNonNull(orderId, "orderId");
		Objects.requireNonNull(type, "type");
	}

}
