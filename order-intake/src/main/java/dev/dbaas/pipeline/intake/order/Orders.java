package dev.dbaas.pipeline.intake.order;

/**
 * Where accepted orders are kept. Implementations join the caller's transaction.
 */
public interface Orders {

	/**
	 * Stores a new order.
	 * @param order the order
	 */
	void add(Order order);

}
