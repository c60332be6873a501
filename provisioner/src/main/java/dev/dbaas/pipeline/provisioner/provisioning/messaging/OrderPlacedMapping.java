package dev.dbaas.pipeline.provisioner.provisioning.messaging;

import dev.dbaas.pipeline.contract.instance.InstanceIdRule;
import dev.dbaas.pipeline.contract.order.OrderIdRule;
import dev.dbaas.pipeline.events.OrderPlaced;
import dev.dbaas.pipeline.provisioner.provisioning.DatabaseEngine;
import dev.dbaas.pipeline.provisioner.provisioning.DatabaseOrder;
import dev.dbaas.pipeline.provisioner.provisioning.EngineType;
import dev.dbaas.pipeline.provisioner.provisioning.OrderId;
import dev.dbaas.pipeline.provisioner.provisioning.Region;

/**
 * Maps the {@code OrderPlaced} wire event to the domain's {@link DatabaseOrder}.
 */
final class OrderPlacedMapping {

	private OrderPlacedMapping() {
	}

	/**
	 * The order to provision.
	 * @param event the wire event
	 * @return the domain order
	 * @throws UnprocessableOrder if the event holds values provisioning cannot use, among
	 * them an order id that breaks the {@link OrderIdRule}
	 */
	static DatabaseOrder toOrder(OrderPlaced event) {
		try {
			OrderIdRule.requireValid(event.getOrderId());
		}
		catch (OrderIdRule.InvalidOrderIdException ex) {
			// Not the id itself in the message: it may be long or hold anything.
			throw new UnprocessableOrder(
					"OrderPlaced " + event.getEventId() + " cannot be provisioned: " + ex.getMessage(), ex);
		}
		String instanceId;
		try {
			instanceId = InstanceIdRule.ofEvent(event.getInstanceId(), event.getOrderId());
		}
		catch (InstanceIdRule.InvalidInstanceIdException ex) {
			throw new UnprocessableOrder(
					"OrderPlaced " + event.getEventId() + " cannot be provisioned: " + ex.getMessage(), ex);
		}
		try {
			return new DatabaseOrder(new OrderId(event.getOrderId()), instanceId, event.getCustomerId(),
					new DatabaseEngine(EngineType.valueOf(event.getDatabaseType().name()), event.getDatabaseVersion()),
					event.getNodeSize(), event.getStorageGb(), event.getTrustedSources(),
					new Region(event.getRegion()));
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			throw new UnprocessableOrder("OrderPlaced " + event.getEventId() + " for order " + event.getOrderId()
					+ " cannot be provisioned: " + ex.getMessage(), ex);
		}
	}

}
