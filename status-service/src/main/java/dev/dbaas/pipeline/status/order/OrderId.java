package dev.dbaas.pipeline.status.order;

import org.jspecify.annotations.Nullable;

/**
 * Identifier of an order, as order-intake assigned it.
 *
 * @param value at most {@value #MAX_LENGTH} printable characters, never blank
 */
public record OrderId(String value) implements Comparable<OrderId> {

	/** Longest accepted id. */
	public static final int MAX_LENGTH = 100;

	public OrderId {
		Text.require("orderId", value, MAX_LENGTH);
	}

	public static OrderId of(String value) {
		return new OrderId(value);
	}

	@Override
	public int compareTo(OrderId other) {
		return this.value.compareTo(other.value);
	}

	// Plain field access instead of the record's generated methods: order ids are
	// hashed for every event of a batch, and the generated ones run through method
	// handles that cost more until the JIT has caught up.
	@Override
	public boolean equals(@Nullable Object other) {
		return (this == other) || (other instanceof OrderId id && this.value.equals(id.value));
	}

	@Override
	public int hashCode() {
		return this.value.hashCode();
	}

	@Override
	public String toString() {
		return this.value;
	}

}
