package dev.dbaas.pipeline.intake.order;

/**
 * Where order events go so that other services learn of them. Implementations join the
 * caller's transaction: an event is recorded if and only if the order is.
 */
public interface OrderEvents {

	/**
	 * Records that an order was placed.
	 * @param event the event
	 */
	void placed(OrderPlaced event);

}
