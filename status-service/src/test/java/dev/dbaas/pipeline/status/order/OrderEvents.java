package dev.dbaas.pipeline.status.order;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.dbaas.pipeline.contract.instance.InstanceIdRule;
import dev.dbaas.pipeline.contract.order.OrderIdRule;
import org.jspecify.annotations.Nullable;

/**
 * Builders of domain events for tests: {@code anOrderPlaced("o-1").by("c-1").at(t)}.
 */
public final class OrderEvents {

	public static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

	private OrderEvents() {
	}

	public static EventId anEventId() {
		return new EventId(UUID.randomUUID());
	}

	public static OrderDetails someDetails() {
		return new OrderDetails("MARIADB", "10.11", "b2-4", 50, "DE-WEST-1", List.of("123.123.123.123/32"));
	}

	/**
	 * The claim the messaging edge makes for an event that names no instance: the id
	 * derived from the order id, or none for a test id that breaks the order-id rule.
	 * @param orderId the order
	 * @return the derived claim, or {@code null}
	 */
	public static @Nullable InstanceClaim derivedClaim(String orderId) {
		return OrderIdRule.isValid(orderId)
				? new InstanceClaim(new InstanceId(InstanceIdRule.ofLegacyOrder(orderId)), false) : null;
	}

	public static PlacedBuilder anOrderPlaced(String orderId) {
		return new PlacedBuilder(orderId);
	}

	public static StatusBuilder aStatusChange(String orderId, OrderStatus status, long sequence) {
		return new StatusBuilder(orderId, status, sequence);
	}

	/**
	 * The same event for another order id, everything else kept.
	 * @param event the event
	 * @param orderId the other order
	 * @return the copy
	 */
	public static OrderEvent withOrderId(OrderEvent event, OrderId orderId) {
		if (event instanceof OrderEvent.Placed placed) {
			return new OrderEvent.Placed(placed.eventId(), orderId, placed.occurredAt(), placed.customerId(),
					placed.details(), placed.instanceClaim(), placed.terms());
		}
		OrderEvent.StatusChanged changed = (OrderEvent.StatusChanged) event;
		return new OrderEvent.StatusChanged(changed.eventId(), orderId, changed.occurredAt(), changed.customerId(),
				changed.status(), changed.sequence(), changed.step(), changed.failure(), changed.instance(),
				changed.instanceClaim(), changed.credentials(), changed.report());
	}

	public static final class PlacedBuilder {

		private final String orderId;

		private EventId eventId = anEventId();

		private String customerId = "customer-1";

		private Instant at = T0;

		private OrderDetails details = someDetails();

		private @Nullable InstanceClaim instanceClaim;

		private OrderTerms terms = OrderTerms.LEGACY_CREATE;

		PlacedBuilder(String orderId) {
			this.orderId = orderId;
			this.instanceClaim = derivedClaim(orderId);
		}

		public PlacedBuilder id(EventId eventId) {
			this.eventId = eventId;
			return this;
		}

		public PlacedBuilder by(String customerId) {
			this.customerId = customerId;
			return this;
		}

		public PlacedBuilder at(Instant at) {
			this.at = at;
			return this;
		}

		public PlacedBuilder in(String region) {
			this.details = new OrderDetails(this.details.databaseType(), this.details.databaseVersion(),
					this.details.nodeSize(), this.details.storageGb(), region, this.details.trustedSources());
			return this;
		}

		public PlacedBuilder with(OrderDetails details) {
			this.details = details;
			return this;
		}

		public PlacedBuilder forInstance(String instanceId, boolean named) {
			this.instanceClaim = new InstanceClaim(new InstanceId(instanceId), named);
			return this;
		}

		public PlacedBuilder terms(OrderTerms terms) {
			this.terms = terms;
			return this;
		}

		/**
		 * A change order (or a create) of an instance at a version.
		 * @param type the order type
		 * @param version the instance version
		 * @return this builder
		 */
		public PlacedBuilder ofType(OrderType type, long version) {
			this.terms = new OrderTerms(type, version, this.terms.requestedBy(), this.terms.deletionProtection(),
					this.terms.changes());
			return this;
		}

		public PlacedBuilder requestedBy(String clientId) {
			this.terms = new OrderTerms(this.terms.type(), this.terms.instanceVersion(), clientId,
					this.terms.deletionProtection(), this.terms.changes());
			return this;
		}

		public PlacedBuilder deletionProtection(boolean protection) {
			this.terms = new OrderTerms(this.terms.type(), this.terms.instanceVersion(), this.terms.requestedBy(),
					protection, this.terms.changes());
			return this;
		}

		public PlacedBuilder changes(InstanceChanges changes) {
			this.terms = new OrderTerms(this.terms.type(), this.terms.instanceVersion(), this.terms.requestedBy(),
					this.terms.deletionProtection(), changes);
			return this;
		}

		public OrderEvent.Placed build() {
			return new OrderEvent.Placed(this.eventId, OrderId.of(this.orderId), this.at, this.customerId, this.details,
					this.instanceClaim, this.terms);
		}

	}

	public static final class StatusBuilder {

		private final String orderId;

		private final OrderStatus status;

		private final long sequence;

		private EventId eventId = anEventId();

		private String customerId = "customer-1";

		private Instant at;

		private @Nullable String step;

		private @Nullable Failure failure;

		private @Nullable Instance instance;

		private @Nullable InstanceClaim instanceClaim;

		private @Nullable SealedCredentials credentials;

		private StatusReport report = StatusReport.NONE;

		StatusBuilder(String orderId, OrderStatus status, long sequence) {
			this.orderId = orderId;
			this.status = status;
			this.sequence = sequence;
			this.at = T0.plusSeconds(sequence);
			this.instanceClaim = derivedClaim(orderId);
		}

		public StatusBuilder id(EventId eventId) {
			this.eventId = eventId;
			return this;
		}

		public StatusBuilder by(String customerId) {
			this.customerId = customerId;
			return this;
		}

		public StatusBuilder at(Instant at) {
			this.at = at;
			return this;
		}

		public StatusBuilder step(@Nullable String step) {
			this.step = step;
			return this;
		}

		public StatusBuilder failure(String code, String message) {
			this.failure = new Failure(code, message);
			return this;
		}

		public StatusBuilder instance(String host, int port) {
			this.instance = new Instance(host, port);
			return this;
		}

		public StatusBuilder instance(String host, int port, @Nullable String sslMode, @Nullable String caCertificate) {
			this.instance = new Instance(host, port, sslMode, caCertificate);
			return this;
		}

		public StatusBuilder forInstance(String instanceId, boolean named) {
			this.instanceClaim = new InstanceClaim(new InstanceId(instanceId), named);
			return this;
		}

		public StatusBuilder credentials(String keyId, String sealed) {
			this.credentials = new SealedCredentials(keyId, sealed);
			return this;
		}

		public StatusBuilder orderType(@Nullable OrderType type) {
			this.report = new StatusReport(type, this.report.instanceUsable(), this.report.observed());
			return this;
		}

		public StatusBuilder instanceUsable(@Nullable Boolean usable) {
			this.report = new StatusReport(this.report.orderType(), usable, this.report.observed());
			return this;
		}

		public StatusBuilder observed(String nodeSize, int storageGb, List<String> trustedSources,
				@Nullable Long interruptionMillis) {
			this.report = new StatusReport(this.report.orderType(), this.report.instanceUsable(),
					new ObservedSettings(nodeSize, storageGb, trustedSources, interruptionMillis));
			return this;
		}

		public OrderEvent.StatusChanged build() {
			return new OrderEvent.StatusChanged(this.eventId, OrderId.of(this.orderId), this.at, this.customerId,
					this.status, this.sequence, this.step, this.failure, this.instance, this.instanceClaim,
					this.credentials, this.report);
		}

	}

}
