package dev.dbaas.pipeline.intake.order;

import java.util.Objects;
import java.util.UUID;

/**
 * The id the intake assigns to an accepted order.
 *
 * @param value a random UUID
 */
public record OrderId(UUID value) {

	public OrderId {
		Objects.requireNonNull(value, "value");
	}

	public static OrderId random() {
		return new OrderId(UUID.randomUUID());
	}

	@Override
	public String toString() {
		return this.value.toString();
	}

}
