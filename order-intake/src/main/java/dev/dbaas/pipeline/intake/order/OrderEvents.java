package dev.dbaas.pipeline.intake.order;

import java.util.List;

/**
 * Where order events go so that other services learn of them. Recording is split in two,
 * so that a group of orders can be written in one transaction on another thread than the
 * requests that placed them: {@link #prepare} runs on the placing request's thread and
 * takes what belongs to it (the encoded event, the request's trace context);
 * {@link #record} joins the caller's transaction, so an event is recorded if and only if
 * its order is.
 */
public interface OrderEvents {

	/**
	 * Prepares the record of a placed order on the calling thread. Writes nothing.
	 * @param event the event
	 * @return the event, ready for {@link #record}
	 */
	Prepared prepare(OrderPlaced event);

	/**
	 * Records prepared events in the caller's transaction.
	 * @param events events from {@link #prepare} of this implementation
	 */
	void record(List<Prepared> events);

	/**
	 * An event prepared for recording; only the implementation that prepared it reads it.
	 */
	interface Prepared {

	}

}
