package dev.dbaas.pipeline.provisioner.provisioning;

import java.util.Objects;

/**
 * Identity of an order, as order-intake assigned it. Never blank.
 *
 * @param value the id, e.g. a UUID
 */
public record OrderId(String value) {

	public OrderId {
		Objects.requireNonNull(value, "orderId");
		if (value.isBlank()) {
			throw new IllegalArgumentException("orderId must not be blank");
		}
		if (value.length() > 200) {
			throw new IllegalArgumentException("orderId is longer than 200 characters");
		}
	}

	@Override
	public String toString() {
		return this.value;
	}

}
