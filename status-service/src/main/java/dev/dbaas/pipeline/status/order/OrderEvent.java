package dev.dbaas.pipeline.status.order;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An event the view consumes, already checked: every value in it is valid.
 */
public sealed interface OrderEvent permits OrderEvent.Placed, OrderEvent.StatusChanged {

	/**
	 * The event's unique id.
	 * @return the id
	 */
	EventId eventId();

	/**
	 * The order the event is about.
	 * @return the order id
	 */
	OrderId orderId();

	/**
	 * When the event occurred at its source.
	 * @return the time
	 */
	Instant occurredAt();

	/**
	 * A customer placed an order.
	 *
	 * @param eventId event id
	 * @param orderId order id
	 * @param occurredAt when the order was placed
	 * @param customerId who placed it
	 * @param details the instance's complete desired settings after the order
	 * @param instanceClaim the instance the order creates or changes, or {@code null} if
	 * unknown
	 * @param terms the order's type, instance version, requester, deletion protection and
	 * changes
	 */
	record Placed(EventId eventId, OrderId orderId, Instant occurredAt, String customerId, OrderDetails details,
			@Nullable InstanceClaim instanceClaim, OrderTerms terms) implements OrderEvent {

		public Placed {
			if (eventId == null || orderId == null || occurredAt == null || details == null || terms == null) {
				throw new InvalidOrderEventException(
						"OrderPlaced needs an event id, order id, time, details and terms");
			}
			Text.require("customerId", customerId, 100);
		}

		/**
		 * A create written before change orders existed.
		 * @param eventId event id
		 * @param orderId order id
		 * @param occurredAt when the order was placed
		 * @param customerId who placed it
		 * @param details what was ordered
		 * @param instanceClaim the instance the order creates, or {@code null} if unknown
		 */
		public Placed(EventId eventId, OrderId orderId, Instant occurredAt, String customerId, OrderDetails details,
				@Nullable InstanceClaim instanceClaim) {
			this(eventId, orderId, occurredAt, customerId, details, instanceClaim, OrderTerms.LEGACY_CREATE);
		}

		/**
		 * A placement that names no instance.
		 * @param eventId event id
		 * @param orderId order id
		 * @param occurredAt when the order was placed
		 * @param customerId who placed it
		 * @param details what was ordered
		 */
		public Placed(EventId eventId, OrderId orderId, Instant occurredAt, String customerId, OrderDetails details) {
			this(eventId, orderId, occurredAt, customerId, details, null, OrderTerms.LEGACY_CREATE);
		}

		/**
		 * The placement this event reports.
		 * @return the placement
		 */
		public Placement placement() {
			return new Placement(this.eventId, this.occurredAt, this.customerId, this.details, this.terms);
		}

	}

	/**
	 * The provisioning status of an order moved on.
	 *
	 * @param eventId event id
	 * @param orderId order id
	 * @param occurredAt when the status changed
	 * @param customerId whose order it is
	 * @param status the new status
	 * @param sequence per-order sequence, not negative
	 * @param step the provisioning step reported on, or {@code null}
	 * @param failure why provisioning failed, or {@code null}
	 * @param instance where the database answers, or {@code null}
	 * @param instanceClaim the instance of the order, or {@code null} if unknown
	 * @param credentials the instance's admin credentials, sealed; only with an instance
	 * @param report the order's type, and on a terminal status whether the instance is
	 * usable and the settings observed
	 */
	record StatusChanged(EventId eventId, OrderId orderId, Instant occurredAt, String customerId, OrderStatus status,
			long sequence, @Nullable String step, @Nullable Failure failure, @Nullable Instance instance,
			@Nullable InstanceClaim instanceClaim, @Nullable SealedCredentials credentials,
			StatusReport report) implements OrderEvent {

		public StatusChanged {
			if (eventId == null || orderId == null || occurredAt == null || status == null) {
				throw new InvalidOrderEventException(
						"OrderStatusChanged needs an event id, order id, time and a known status");
			}
			Text.require("customerId", customerId, 100);
			step = Text.optional("step", step, 100);
			if (sequence < 0) {
				throw new InvalidOrderEventException("sequence must not be negative, got " + sequence);
			}
			if (credentials != null && instance == null) {
				throw new InvalidOrderEventException(
						"credentials come with the instance they open: this event has credentials but no instance");
			}
			if (report == null) {
				throw new InvalidOrderEventException("OrderStatusChanged needs a report, if an empty one");
			}
		}

		/**
		 * A status change written before change orders existed: no order type, no
		 * observed settings.
		 * @param eventId event id
		 * @param orderId order id
		 * @param occurredAt when the status changed
		 * @param customerId whose order it is
		 * @param status the new status
		 * @param sequence per-order sequence, not negative
		 * @param step the provisioning step reported on, or {@code null}
		 * @param failure why provisioning failed, or {@code null}
		 * @param instance where the database answers, or {@code null}
		 * @param instanceClaim the instance of the order, or {@code null} if unknown
		 * @param credentials the instance's admin credentials, sealed; only with an
		 * instance
		 */
		public StatusChanged(EventId eventId, OrderId orderId, Instant occurredAt, String customerId,
				OrderStatus status, long sequence, @Nullable String step, @Nullable Failure failure,
				@Nullable Instance instance, @Nullable InstanceClaim instanceClaim,
				@Nullable SealedCredentials credentials) {
			this(eventId, orderId, occurredAt, customerId, status, sequence, step, failure, instance, instanceClaim,
					credentials, StatusReport.NONE);
		}

		/**
		 * A status change that names no instance id and carries no credentials.
		 * @param eventId event id
		 * @param orderId order id
		 * @param occurredAt when the status changed
		 * @param customerId whose order it is
		 * @param status the new status
		 * @param sequence per-order sequence, not negative
		 * @param step the provisioning step reported on, or {@code null}
		 * @param failure why provisioning failed, or {@code null}
		 * @param instance where the database answers, or {@code null}
		 */
		public StatusChanged(EventId eventId, OrderId orderId, Instant occurredAt, String customerId,
				OrderStatus status, long sequence, @Nullable String step, @Nullable Failure failure,
				@Nullable Instance instance) {
			this(eventId, orderId, occurredAt, customerId, status, sequence, step, failure, instance, null, null,
					StatusReport.NONE);
		}

		/**
		 * The transition this event reports.
		 * @return the transition
		 */
		public Transition transition() {
			return new Transition(this.status, this.step, this.sequence, this.eventId, this.occurredAt, this.failure);
		}

	}

}
