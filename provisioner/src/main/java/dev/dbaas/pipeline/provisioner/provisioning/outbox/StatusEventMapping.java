package dev.dbaas.pipeline.provisioner.provisioning.outbox;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import dev.dbaas.pipeline.events.DatabaseType;
import dev.dbaas.pipeline.events.Failure;
import dev.dbaas.pipeline.events.Instance;
import dev.dbaas.pipeline.events.OrderStatus;
import dev.dbaas.pipeline.events.OrderStatusChanged;
import dev.dbaas.pipeline.provisioner.provisioning.InstanceFacts;
import dev.dbaas.pipeline.provisioner.provisioning.ObservedSettings;
import dev.dbaas.pipeline.provisioner.provisioning.OrderId;
import dev.dbaas.pipeline.provisioner.provisioning.OrderType;
import dev.dbaas.pipeline.provisioner.provisioning.ProvisioningEvent;
import dev.dbaas.pipeline.provisioner.provisioning.ProvisioningEvent.DatabaseProvisioned;
import dev.dbaas.pipeline.provisioner.provisioning.ProvisioningEvent.ProvisioningCancelled;
import dev.dbaas.pipeline.provisioner.provisioning.ProvisioningEvent.ProvisioningFailed;
import dev.dbaas.pipeline.provisioner.provisioning.SealedCredentials;

/**
 * Maps domain events to the {@code OrderStatusChanged} wire schema. The event id is
 * derived from order id and sequence, so a re-sent event carries the same id and
 * consumers de-duplicate it.
 */
public final class StatusEventMapping {

	private StatusEventMapping() {
	}

	/**
	 * The wire event for a domain event.
	 * @param event the domain event
	 * @return the Avro event
	 */
	public static OrderStatusChanged toStatusChanged(ProvisioningEvent event) {
		OrderStatusChanged.Builder wire = OrderStatusChanged.newBuilder()
			.setEventId(eventId(event.orderId(), event.sequence()).toString())
			.setOccurredAt(event.occurredAt())
			.setOrderId(event.orderId().value())
			.setInstanceId(event.instanceId())
			.setCustomerId(event.customerId())
			.setSequence(event.sequence())
			.setStep(event.step().name())
			.setStatus(OrderStatus.PROCESSING)
			.setOrderType(toOrderType(event.orderType()));
		if (event instanceof DatabaseProvisioned provisioned) {
			wire.setStatus(OrderStatus.DONE);
			InstanceFacts facts = provisioned.instance();
			if (facts != null) {
				wire.setInstance(toInstance(facts));
			}
			ObservedSettings observed = provisioned.observed();
			if (observed != null) {
				wire.setObserved(new dev.dbaas.pipeline.events.ObservedSettings(observed.nodeSize(),
						observed.storageGb(), observed.trustedSources(), observed.interruptionMillis()));
			}
			SealedCredentials credentials = provisioned.credentials();
			if (credentials != null) {
				wire.setCredentials(
						new dev.dbaas.pipeline.events.SealedCredentials(credentials.keyId(), credentials.sealed()));
			}
		}
		else if (event instanceof ProvisioningFailed failed) {
			wire.setStatus(OrderStatus.FAILED)
				.setFailure(new Failure(failed.failure().code().value(), failed.failure().message()))
				.setInstanceUsable(failed.instanceUsable());
		}
		else if (event instanceof ProvisioningCancelled) {
			wire.setStatus(OrderStatus.CANCELLED);
		}
		return wire.build();
	}

	/**
	 * The stable event id of an order's n-th status event.
	 * @param orderId the order
	 * @param sequence the event's sequence
	 * @return a name-based UUID
	 */
	public static UUID eventId(OrderId orderId, long sequence) {
		return UUID
			.nameUUIDFromBytes(("provisioner:" + orderId.value() + ":" + sequence).getBytes(StandardCharsets.UTF_8));
	}

	private static dev.dbaas.pipeline.events.OrderType toOrderType(OrderType type) {
		return switch (type) {
			case CREATE -> dev.dbaas.pipeline.events.OrderType.CREATE;
			case UPDATE -> dev.dbaas.pipeline.events.OrderType.UPDATE;
			case DELETE -> dev.dbaas.pipeline.events.OrderType.DELETE;
		};
	}

	private static Instance toInstance(InstanceFacts facts) {
		return new Instance(facts.host(), facts.port(), DatabaseType.valueOf(facts.engine().type().name()),
				facts.engine().version(), facts.sslMode(), facts.caCertificate());
	}

}
