package dev.dbaas.pipeline.provisioner.provisioning;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Something that happened to a provisioning job and that ops and the customer should hear
 * about. Every event of an order has a higher {@link #sequence()} than the one before;
 * {@code NEW} (the placed order) counts as 0. Every event names its order's
 * {@link #orderType()}.
 */
public sealed interface ProvisioningEvent {

	/**
	 * The order the event is about.
	 * @return the order id
	 */
	OrderId orderId();

	/**
	 * The database instance of the order.
	 * @return its id
	 */
	String instanceId();

	/**
	 * Who ordered.
	 * @return the customer id
	 */
	String customerId();

	/**
	 * Position of the event among the order's events, from 1.
	 * @return the sequence number
	 */
	long sequence();

	/**
	 * When it happened.
	 * @return the instant
	 */
	Instant occurredAt();

	/**
	 * The step the order is at when the event happens.
	 * @return the step
	 */
	ProvisioningStep step();

	/**
	 * What the order does to its instance.
	 * @return the order's type
	 */
	OrderType orderType();

	private static void check(OrderId orderId, String instanceId, String customerId, long sequence, Instant occurredAt,
			ProvisioningStep step, OrderType orderType) {
		Objects.requireNonNull(orderId, "orderId");
		Objects.requireNonNull(instanceId, "instanceId");
		Objects.requireNonNull(customerId, "customerId");
		Objects.requireNonNull(occurredAt, "occurredAt");
		Objects.requireNonNull(step, "step");
		Objects.requireNonNull(orderType, "orderType");
		if (sequence < 1) {
			throw new IllegalArgumentException("sequence starts at 1, got " + sequence);
		}
	}

	/**
	 * The provisioner accepted the order; work starts with {@code step}.
	 *
	 * @param orderId the order
	 * @param instanceId the order's instance
	 * @param customerId who ordered
	 * @param sequence always 1
	 * @param occurredAt when
	 * @param step the first step
	 * @param orderType what the order does
	 */
	record ProvisioningStarted(OrderId orderId, String instanceId, String customerId, long sequence, Instant occurredAt,
			ProvisioningStep step, OrderType orderType) implements ProvisioningEvent {

		public ProvisioningStarted {
			check(orderId, instanceId, customerId, sequence, occurredAt, step, orderType);
		}

	}

	/**
	 * The previous step completed; {@code step} is under way now.
	 *
	 * @param orderId the order
	 * @param instanceId the order's instance
	 * @param customerId who ordered
	 * @param sequence position among the order's events
	 * @param occurredAt when
	 * @param step the step now under way
	 * @param orderType what the order does
	 */
	record ProvisioningAdvanced(OrderId orderId, String instanceId, String customerId, long sequence,
			Instant occurredAt, ProvisioningStep step, OrderType orderType) implements ProvisioningEvent {

		public ProvisioningAdvanced {
			check(orderId, instanceId, customerId, sequence, occurredAt, step, orderType);
		}

	}

	/**
	 * The order is applied: a create's health check passed, an update's settings were
	 * read back, a delete found nothing left. Terminal.
	 *
	 * @param orderId the order
	 * @param instanceId the order's instance
	 * @param customerId who ordered
	 * @param sequence position among the order's events
	 * @param occurredAt when
	 * @param step the last step
	 * @param instance where the database answers; required for a create, {@code null} for
	 * a delete
	 * @param credentials the sealed admin credentials; a create's only
	 * @param observed the settings read back (CREATE where the backend reports them,
	 * UPDATE always), {@code null} for a delete
	 * @param orderType what the order does
	 */
	record DatabaseProvisioned(OrderId orderId, String instanceId, String customerId, long sequence, Instant occurredAt,
			ProvisioningStep step, @Nullable InstanceFacts instance, @Nullable SealedCredentials credentials,
			@Nullable ObservedSettings observed, OrderType orderType) implements ProvisioningEvent {

		public DatabaseProvisioned {
			check(orderId, instanceId, customerId, sequence, occurredAt, step, orderType);
			if (orderType == OrderType.CREATE && instance == null) {
				throw new IllegalArgumentException("a provisioned create reports its connection facts");
			}
			if (orderType == OrderType.UPDATE && observed == null) {
				throw new IllegalArgumentException("an applied update reports the settings it observed");
			}
			if (orderType != OrderType.CREATE && credentials != null) {
				throw new IllegalArgumentException("only a create's DONE carries credentials");
			}
		}

	}

	/**
	 * The order failed for good. Terminal.
	 *
	 * @param orderId the order
	 * @param instanceId the order's instance
	 * @param customerId who ordered
	 * @param sequence position among the order's events
	 * @param occurredAt when
	 * @param step the step that failed (or was under way at the deadline)
	 * @param failure stable code and message
	 * @param instanceUsable for a change: whether the instance still serves with its
	 * settings from before; {@code null} exactly for a create
	 * @param orderType what the order does
	 */
	record ProvisioningFailed(OrderId orderId, String instanceId, String customerId, long sequence, Instant occurredAt,
			ProvisioningStep step, Failure failure, @Nullable Boolean instanceUsable,
			OrderType orderType) implements ProvisioningEvent {

		public ProvisioningFailed {
			check(orderId, instanceId, customerId, sequence, occurredAt, step, orderType);
			Objects.requireNonNull(failure, "failure");
			if ((orderType == OrderType.CREATE) != (instanceUsable == null)) {
				throw new IllegalArgumentException("a failed change, and only a change, says whether it is usable");
			}
		}

	}

	/**
	 * A create was stopped at a step boundary by a DELETE of its instance, and what the
	 * backend had allocated was released. Terminal.
	 *
	 * @param orderId the order
	 * @param instanceId the order's instance
	 * @param customerId who ordered
	 * @param sequence position among the order's events
	 * @param occurredAt when
	 * @param step the step the create had reached
	 * @param orderType always {@link OrderType#CREATE}
	 */
	record ProvisioningCancelled(OrderId orderId, String instanceId, String customerId, long sequence,
			Instant occurredAt, ProvisioningStep step, OrderType orderType) implements ProvisioningEvent {

		public ProvisioningCancelled {
			check(orderId, instanceId, customerId, sequence, occurredAt, step, orderType);
			if (orderType != OrderType.CREATE) {
				throw new IllegalArgumentException("only a create is cancelled");
			}
		}

	}

}
