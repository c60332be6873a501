package dev.dbaas.pipeline.intake.admission;

/**
 * The orders that order-intake accepted (on any of its instances) and has not yet seen
 * settled by a terminal status: the pipeline's backlog as the intake knows it, including
 * what its own status consumer has not read yet.
 */
public interface OrdersInFlight {

	/**
	 * Counts the orders in flight, up to a cap, so that a huge backlog costs no more to
	 * count than the cap.
	 * @param atMost the most worth counting
	 * @return the number of orders in flight, or {@code atMost} if there are more
	 */
	long count(long atMost);

}
