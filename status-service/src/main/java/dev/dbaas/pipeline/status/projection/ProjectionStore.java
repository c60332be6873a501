package dev.dbaas.pipeline.status.projection;

import java.util.Collection;
import java.util.Map;
import java.util.Set;

import dev.dbaas.pipeline.status.order.OrderEvent;
import dev.dbaas.pipeline.status.order.OrderId;
import dev.dbaas.pipeline.status.order.OrderView;

/**
 * Where the view is kept. Both writes must run in the caller's transaction, so that the
 * events recorded as applied and the changes they caused commit together.
 */
public interface ProjectionStore {

	/**
	 * Adds events to their orders' histories, each once: recording an event is also what
	 * remembers that it was applied.
	 * @param events events, at most one per order and event id
	 * @return those that were not recorded before, i.e. the events still to merge into
	 * the views
	 */
	Set<AppliedEvent> record(Collection<? extends OrderEvent> events);

	/**
	 * Merges views into the stored ones with the same join as
	 * {@link OrderView#mergedWith(OrderView)}.
	 * @param views at most one per order
	 */
	void merge(Collection<OrderView> views);

	/**
	 * How many FAILED events of each order are recorded, those of the current transaction
	 * included: an order whose count equals the FAILED events it got in this batch failed
	 * for the first time now.
	 * @param orderIds the orders
	 * @return the counts of the orders that have FAILED events
	 */
	Map<OrderId, Integer> failedEvents(Collection<OrderId> orderIds);

	/**
	 * Empties the view and its histories, which forgets every applied event, before a
	 * rebuild.
	 */
	void clear();

}
