package dev.dbaas.pipeline.intake.order;

import java.util.List;

/**
 * Where accepted orders are kept. Implementations join the caller's transaction.
 */
public interface Orders {

	/**
	 * Stores new orders.
	 * @param orders the orders
	 */
	void add(List<Order> orders);

}
