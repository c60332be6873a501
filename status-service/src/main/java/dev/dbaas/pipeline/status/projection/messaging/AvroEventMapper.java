package dev.dbaas.pipeline.status.projection.messaging;

import java.util.List;

import dev.dbaas.pipeline.contract.instance.InstanceIdRule;
import dev.dbaas.pipeline.contract.order.OrderIdRule;
import dev.dbaas.pipeline.events.OrderPlaced;
import dev.dbaas.pipeline.events.OrderStatusChanged;
import dev.dbaas.pipeline.status.order.EventId;
import dev.dbaas.pipeline.status.order.Failure;
import dev.dbaas.pipeline.status.order.Instance;
import dev.dbaas.pipeline.status.order.InstanceChanges;
import dev.dbaas.pipeline.status.order.InstanceClaim;
import dev.dbaas.pipeline.status.order.InstanceId;
import dev.dbaas.pipeline.status.order.InvalidOrderEventException;
import dev.dbaas.pipeline.status.order.ObservedSettings;
import dev.dbaas.pipeline.status.order.OrderDetails;
import dev.dbaas.pipeline.status.order.OrderEvent;
import dev.dbaas.pipeline.status.order.OrderId;
import dev.dbaas.pipeline.status.order.OrderStatus;
import dev.dbaas.pipeline.status.order.OrderTerms;
import dev.dbaas.pipeline.status.order.OrderType;
import dev.dbaas.pipeline.status.order.SealedCredentials;
import dev.dbaas.pipeline.status.order.StatusReport;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Turns the Avro wire events into domain events. Keeps the wire schema at the edge.
 */
@Component
class AvroEventMapper {

	/**
	 * Maps an {@code OrderPlaced}. An event without {@code instanceVersion} (written
	 * before change orders existed) is version 1.
	 * @param event the wire event
	 * @return the domain event
	 * @throws InvalidOrderEventException if a value is not acceptable, including an order
	 * type this reader does not know ({@code UNKNOWN}): such an order is never taken for
	 * a create
	 */
	OrderEvent.Placed placed(OrderPlaced event) {
		List<String> trustedSources = (event.getTrustedSources() != null) ? List.copyOf(event.getTrustedSources())
				: List.of();
		OrderDetails details = new OrderDetails(name(event.getDatabaseType()), event.getDatabaseVersion(),
				event.getNodeSize(), event.getStorageGb(), event.getRegion(), trustedSources);
		OrderId orderId = orderId(event.getOrderId());
		Long version = event.getInstanceVersion();
		OrderTerms terms = new OrderTerms(type(event.getType(), "type"), (version != null) ? version : 1,
				event.getRequestedBy(), event.getDeletionProtection(), changes(event.getChanges()));
		return new OrderEvent.Placed(EventId.parse(event.getEventId()), orderId, event.getOccurredAt(),
				event.getCustomerId(), details, instanceClaim(event.getInstanceId(), orderId), terms);
	}

	/**
	 * Maps an {@code OrderStatusChanged}.
	 * @param event the wire event
	 * @return the domain event
	 * @throws InvalidOrderEventException if a value is not acceptable, including a status
	 * or order type symbol this reader does not know ({@code UNKNOWN})
	 */
	OrderEvent.StatusChanged statusChanged(OrderStatusChanged event) {
		dev.dbaas.pipeline.events.Failure failure = event.getFailure();
		dev.dbaas.pipeline.events.Instance instance = event.getInstance();
		dev.dbaas.pipeline.events.SealedCredentials credentials = event.getCredentials();
		OrderId orderId = orderId(event.getOrderId());
		return new OrderEvent.StatusChanged(EventId.parse(event.getEventId()), orderId, event.getOccurredAt(),
				event.getCustomerId(), status(event.getStatus()), event.getSequence(), event.getStep(),
				(failure != null) ? new Failure(failure.getCode(), failure.getMessage()) : null,
				(instance != null) ? new Instance(instance.getHost(), instance.getPort(), instance.getSslMode(),
						instance.getCaCertificate()) : null,
				instanceClaim(event.getInstanceId(), orderId),
				(credentials != null) ? new SealedCredentials(credentials.getKeyId(), credentials.getSealed()) : null,
				new StatusReport((event.getOrderType() != null) ? type(event.getOrderType(), "orderType") : null,
						event.getInstanceUsable(), observed(event.getObserved())));
	}

	private static @Nullable InstanceChanges changes(dev.dbaas.pipeline.events.@Nullable InstanceChanges changes) {
		if (changes == null) {
			return null;
		}
		List<String> sources = changes.getTrustedSources();
		return new InstanceChanges(changes.getStorageGb(), changes.getNodeSize(),
				(sources != null) ? List.copyOf(sources) : null, changes.getDeletionProtection());
	}

	private static @Nullable ObservedSettings observed(dev.dbaas.pipeline.events.@Nullable ObservedSettings observed) {
		if (observed == null) {
			return null;
		}
		List<String> sources = observed.getTrustedSources();
		return new ObservedSettings(observed.getNodeSize(), observed.getStorageGb(),
				(sources != null) ? List.copyOf(sources) : List.of(), observed.getInterruptionMillis());
	}

	private static OrderType type(dev.dbaas.pipeline.events.@Nullable OrderType type, String field) {
		if (type == null || type == dev.dbaas.pipeline.events.OrderType.UNKNOWN) {
			throw new InvalidOrderEventException(field + " " + type
					+ ": the writer used an order type this reader does not know; upgrade the status-service"
					+ " and replay the dead-letter topic");
		}
		return OrderType.valueOf(type.name());
	}

	/**
	 * The instance the event names, if it follows the contract's {@link InstanceIdRule};
	 * for an event that names none, the one every reader derives from the order id.
	 */
	private static InstanceClaim instanceClaim(@Nullable String instanceId, OrderId orderId) {
		try {
			return new InstanceClaim(new InstanceId(InstanceIdRule.ofEvent(instanceId, orderId.value())),
					instanceId != null);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidOrderEventException(ex.getMessage());
		}
	}

	/**
	 * The order id, if it follows the contract's {@link OrderIdRule} (what order-intake
	 * assigns); the reason otherwise, without the id itself.
	 */
	private static OrderId orderId(@Nullable String id) {
		OrderIdRule.problemWith(id).ifPresent((problem) -> {
			throw new InvalidOrderEventException(problem);
		});
		return OrderId.of(id);
	}

	private static OrderStatus status(dev.dbaas.pipeline.events.@Nullable OrderStatus status) {
		if (status == null || status == dev.dbaas.pipeline.events.OrderStatus.UNKNOWN) {
			throw new InvalidOrderEventException("status " + status
					+ ": the writer used a status symbol this reader does not know; upgrade the status-service"
					+ " and replay the dead-letter topic");
		}
		return OrderStatus.valueOf(status.name());
	}

	private static String name(@Nullable Enum<?> value) {
		if (value == null) {
			throw new InvalidOrderEventException("databaseType must not be null");
		}
		return value.name();
	}

}
