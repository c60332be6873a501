package dev.dbaas.pipeline.intake.order;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the orders the intake accepted. Implementations join the caller's transaction.
 */
public interface PlacedOrders {

	/**
	 * An order by its id.
	 * @param id the order's id
	 * @return the order, if the intake accepted it
	 */
	Optional<Order> find(OrderId id);

	/**
	 * The create of an instance: what a change order copies its engine, region, invoice
	 * profile and documents from.
	 * @param instanceId the instance
	 * @return its create, if the intake accepted one with this instance id
	 */
	Optional<Order> creationOf(InstanceId instanceId);

	/**
	 * The type and instance of each order the intake accepted among some ids.
	 * @param ids order ids
	 * @return what is known of each, by id; unknown ids are absent
	 */
	Map<OrderId, OrderOfInstance> instancesOf(Collection<OrderId> ids);

	/**
	 * Which instance an order belongs to and what it does to it.
	 *
	 * @param instanceId the instance
	 * @param type what the order does
	 */
	record OrderOfInstance(InstanceId instanceId, OrderType type) {

	}

}
