package dev.dbaas.pipeline.status.order;

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

	@Override
	public String toString() {
		return this.value;
	}

}
