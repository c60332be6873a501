package dev.dbaas.pipeline.provisioner.provisioning;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Something that happened to a provisioning job and that ops and the customer should hear
 * about. Every event of an order has a higher {@link #sequence()} than the one before;
 * {@code NEW} (the placed order) counts as 0.
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

	private static void check(OrderId orderId, String customerId, long sequence, Instant occurredAt,
			ProvisioningStep step) {
		Objects.requireNonNull(orderId, "orderId");
		Objects.requireNonNull(customerId, "customerId");
		Objects.requireNonNull(occurredAt, "occurredAt");
		Objects.requireNonNull(step, "step");
		if (sequence < 1) {
			throw new IllegalArgumentException("sequence starts at 1, got " + sequence);
		}
	}

	/**
	 * The provisioner accepted the order; work starts with {@code step}.
	 *
	 * @param orderId the order
	 * @param customerId who ordered
	 * @param sequence always 1
	 * @param occurredAt when
	 * @param step the first step
	 */
	record ProvisioningStarted(OrderId orderId, String instanceId, String customerId, long sequence, Instant occurredAt,
			ProvisioningStep step) implements ProvisioningEvent {

		public ProvisioningStarted {
			check(orderId, customerId, sequence, occurredAt, step);
			Objects.requireNonNull(instanceId, "instanceId");
		}

	}

	/**
	 * The previous step completed; {@code step} is under way now.
	 *
	 * @param orderId the order
	 * @param customerId who ordered
	 * @param sequence position among the order's events
	 * @param occurredAt when
	 * @param step the step now under way
	 */
	record ProvisioningAdvanced(OrderId orderId, String instanceId, String customerId, long sequence,
			Instant occurredAt, ProvisioningStep step) implements ProvisioningEvent {

		public ProvisioningAdvanced {
			check(orderId, customerId, sequence, occurredAt, step);
			Objects.requireNonNull(instanceId, "instanceId");
		}

	}

	/**
	 * The health check passed: the database is usable. Terminal.
	 *
	 * @param orderId the order
	 * @param customerId who ordered
	 * @param sequence position among the order's events
	 * @param occurredAt when
	 * @param step the health check
	 * @param instance where the database answers
	 */
	record DatabaseProvisioned(OrderId orderId, String instanceId, String customerId, long sequence, Instant occurredAt,
			ProvisioningStep step, InstanceFacts instance,
			@Nullable SealedCredentials credentials) implements ProvisioningEvent {

		public DatabaseProvisioned {
			check(orderId, customerId, sequence, occurredAt, step);
			Objects.requireNonNull(instanceId, "instanceId");
			Objects.requireNonNull(instance, "instance");
		}

	}

	/**
	 * Provisioning failed for good. Terminal.
	 *
	 * @param orderId the order
	 * @param customerId who ordered
	 * @param sequence position among the order's events
	 * @param occurredAt when
	 * @param step the step that failed (or was under way at the deadline)
	 * @param failure stable code and message
	 */
	record ProvisioningFailed(OrderId orderId, String instanceId, String customerId, long sequence, Instant occurredAt,
			ProvisioningStep step, Failure failure) implements ProvisioningEvent {

		public ProvisioningFailed {
			check(orderId, customerId, sequence, occurredAt, step);
			Objects.requireNonNull(instanceId, "instanceId");
			Objects.requireNonNull(failure, "failure");
		}

	}

}
