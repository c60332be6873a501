package dev.dbaas.pipeline.provisioner.provisioning.messaging;

import dev.dbaas.pipeline.contract.instance.InstanceIdRule;
import dev.dbaas.pipeline.contract.order.OrderIdRule;
import dev.dbaas.pipeline.events.OrderPlaced;
import dev.dbaas.pipeline.provisioner.provisioning.DatabaseEngine;
import dev.dbaas.pipeline.provisioner.provisioning.DatabaseOrder;
import dev.dbaas.pipeline.provisioner.provisioning.EngineType;
import dev.dbaas.pipeline.provisioner.provisioning.InstanceChanges;
import dev.dbaas.pipeline.provisioner.provisioning.OrderId;
import dev.dbaas.pipeline.provisioner.provisioning.OrderType;
import dev.dbaas.pipeline.provisioner.provisioning.Region;
import org.jspecify.annotations.Nullable;

/**
 * Maps the {@code OrderPlaced} wire event to the domain's {@link DatabaseOrder}: a
 * create, an UPDATE or a DELETE. Records written before change orders existed are creates
 * of version 1; a type this version does not know ({@code UNKNOWN}) is never taken for a
 * create.
 */
final class OrderPlacedMapping {

	private OrderPlacedMapping() {
	}

	/**
	 * The order to provision, change or delete.
	 * @param event the wire event
	 * @return the domain order
	 * @throws UnprocessableOrder if the event holds values provisioning cannot use: an
	 * order id that breaks the {@link OrderIdRule}, an unknown order type, a change
	 * without its instance id, instance version or (UPDATE) changes
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
		OrderType type = typeOf(event);
		if (type != OrderType.CREATE && event.getInstanceId() == null) {
			throw unprocessable(event, "a " + type + " order must name the instance it changes (instanceId)");
		}
		if (type != OrderType.CREATE && event.getInstanceVersion() == null) {
			throw unprocessable(event, "a " + type + " order must carry its instanceVersion");
		}
		if (type == OrderType.UPDATE && event.getChanges() == null) {
			throw unprocessable(event, "an UPDATE order must carry its changes");
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
			Long version = event.getInstanceVersion();
			return new DatabaseOrder(new OrderId(event.getOrderId()), instanceId, event.getCustomerId(),
					new DatabaseEngine(EngineType.valueOf(event.getDatabaseType().name()), event.getDatabaseVersion()),
					event.getNodeSize(), event.getStorageGb(), event.getTrustedSources(), new Region(event.getRegion()),
					type, (version != null) ? version : 1, changesOf(event.getChanges()));
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			throw new UnprocessableOrder("OrderPlaced " + event.getEventId() + " for order " + event.getOrderId()
					+ " cannot be provisioned: " + ex.getMessage(), ex);
		}
	}

	private static OrderType typeOf(OrderPlaced event) {
		dev.dbaas.pipeline.events.OrderType type = event.getType();
		if (type == null) {
			return OrderType.CREATE;
		}
		return switch (type) {
			case CREATE -> OrderType.CREATE;
			case UPDATE -> OrderType.UPDATE;
			case DELETE -> OrderType.DELETE;
			case UNKNOWN -> throw unprocessable(event,
					"its order type is UNKNOWN to this provisioner (a newer type?); it is not treated as a create");
		};
	}

	private static @Nullable InstanceChanges changesOf(dev.dbaas.pipeline.events.@Nullable InstanceChanges changes) {
		if (changes == null) {
			return null;
		}
		return new InstanceChanges(changes.getStorageGb(), changes.getNodeSize(), changes.getTrustedSources(),
				changes.getDeletionProtection());
	}

	private static UnprocessableOrder unprocessable(OrderPlaced event, String why) {
		return new UnprocessableOrder("OrderPlaced " + event.getEventId() + " for order " + event.getOrderId()
				+ " cannot be provisioned: " + why, null);
	}

}
