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

	public static final class PlacedBuilder {

		private final String orderId;

		private EventId eventId = anEventId();

		private String customerId = "customer-1";

		private Instant at = T0;

		private OrderDetails details = someDetails();

		private @Nullable InstanceClaim instanceClaim;

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

		public OrderEvent.Placed build() {
			return new OrderEvent.Placed(this.eventId, OrderId.of(this.orderId), this.at, this.customerId, this.details,
					this.instanceClaim);
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

		public OrderEvent.StatusChanged build() {
			return new OrderEvent.StatusChanged(this.eventId, OrderId.of(this.orderId), this.at, this.customerId,
					this.status, this.sequence, this.step, this.failure, this.instance, this.instanceClaim,
					this.credentials);
		}

	}

}
