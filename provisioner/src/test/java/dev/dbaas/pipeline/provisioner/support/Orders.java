package dev.dbaas.pipeline.provisioner.support;

import java.util.List;
import java.util.stream.IntStream;

import dev.dbaas.pipeline.events.OrderPlaced;
import dev.dbaas.pipeline.testkit.Events;

/**
 * Builders of {@code OrderPlaced} events.
 */
public final class Orders {

	private Orders() {
	}

	/**
	 * A valid order for MariaDB 10.11 in DE-WEST-1, with a fresh order id.
	 * @return a builder to adjust
	 */
	public static OrderPlaced.Builder anOrderPlaced() {
		return Events.anOrderPlaced();
	}

	/**
	 * Valid orders as {@link #anOrderPlaced()} builds them, each with a fresh order id.
	 * @param count how many
	 * @return the orders
	 */
	public static List<OrderPlaced> ordersPlaced(int count) {
		return IntStream.range(0, count).mapToObj((i) -> anOrderPlaced().build()).toList();
	}

}
