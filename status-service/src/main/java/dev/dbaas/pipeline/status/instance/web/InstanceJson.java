package dev.dbaas.pipeline.status.instance.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.dbaas.pipeline.status.instance.ClientLines;
import dev.dbaas.pipeline.status.instance.InstanceHistory;
import dev.dbaas.pipeline.status.instance.InstancePage;
import dev.dbaas.pipeline.status.instance.InstanceSettings;
import dev.dbaas.pipeline.status.instance.InstanceState;
import dev.dbaas.pipeline.status.instance.InstanceView;
import dev.dbaas.pipeline.status.instance.Instances;
import dev.dbaas.pipeline.status.order.Instance;
import dev.dbaas.pipeline.status.order.InstanceChanges;
import dev.dbaas.pipeline.status.order.OrderDetails;
import dev.dbaas.pipeline.status.order.OrderId;
import dev.dbaas.pipeline.status.order.OrderStatus;
import dev.dbaas.pipeline.status.order.OrderTerms;
import dev.dbaas.pipeline.status.order.OrderType;
import dev.dbaas.pipeline.status.order.OrderView;
import dev.dbaas.pipeline.status.order.Transition;
import org.jspecify.annotations.Nullable;

/**
 * The JSON shapes of {@code /v1/instances}. Fields that do not apply are absent. Only
 * {@link Credentials} ever holds a secret.
 */
final class InstanceJson {

	private InstanceJson() {
	}

	/**
	 * An instance. {@code nodeSize}, {@code storageGb} and {@code trustedSources} at the
	 * top are the desired ones (the create's until a change is placed); engine, version
	 * and region are the create's.
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record InstanceBody(String instanceId, String customerId, InstanceState state, long version,
			@Nullable String databaseType, @Nullable String databaseVersion, @Nullable String nodeSize,
			@Nullable Integer storageGb, @Nullable String region, @Nullable List<String> trustedSources, String orderId,
			@Nullable Settings desired, @Nullable Settings observed, @Nullable PendingOrder pendingOrder,
			@Nullable Connection connection) {

		static InstanceBody of(InstanceView instance, Function<OrderId, URI> statusUrl) {
			OrderDetails details = instance.details();
			InstanceSettings desired = instance.desired();
			OrderView pending = instance.pendingOrder();
			return new InstanceBody(instance.instanceId().value(), instance.customerId(), instance.state(),
					instance.version(), (details != null) ? details.databaseType() : null,
					(details != null) ? details.databaseVersion() : null,
					(desired != null) ? desired.nodeSize() : ((details != null) ? details.nodeSize() : null),
					(desired != null) ? Integer.valueOf(desired.storageGb())
							: ((details != null) ? details.storageGb() : null),
					(details != null) ? details.region() : null,
					(desired != null) ? desired.trustedSources()
							: ((details != null) ? details.trustedSources() : null),
					instance.createOrder().orderId().value(), Settings.of(desired), Settings.of(instance.observed()),
					(pending != null) ? new PendingOrder(pending.orderId().value(), pending.type(), pending.status(),
							statusUrl.apply(pending.orderId()).toString()) : null,
					Connection.of(instance.connection()));
		}

	}

	/**
	 * Settings of an instance, desired or observed.
	 *
	 * @param nodeSize node size
	 * @param storageGb storage in GB
	 * @param trustedSources CIDRs allowed to connect
	 * @param deletionProtection whether a DELETE is refused
	 * @param interruptionMillis observed only: how long the order that applied them
	 * interrupted the instance, absent if it did not
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Settings(String nodeSize, int storageGb, List<String> trustedSources, boolean deletionProtection,
			@Nullable Long interruptionMillis) {

		static @Nullable Settings of(@Nullable InstanceSettings settings) {
			return (settings != null) ? new Settings(settings.nodeSize(), settings.storageGb(),
					settings.trustedSources(), settings.deletionProtection(), settings.interruptionMillis()) : null;
		}

	}

	/**
	 * The order the instance waits for.
	 *
	 * @param orderId the order
	 * @param type what it does
	 * @param status NEW or PROCESSING
	 * @param statusUrl where its status is read
	 */
	record PendingOrder(String orderId, OrderType type, OrderStatus status, String statusUrl) {

	}

	/**
	 * Where a running instance answers.
	 *
	 * @param host host name or address
	 * @param port TCP port
	 * @param sslmode how to connect, in libpq's words
	 * @param caCertificate PEM certificate to verify the server against
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Connection(String host, int port, @Nullable String sslmode, @Nullable String caCertificate) {

		static @Nullable Connection of(@Nullable Instance instance) {
			return (instance != null)
					? new Connection(instance.host(), instance.port(), instance.sslMode(), instance.caCertificate())
					: null;
		}

	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Page(List<InstanceBody> items, @Nullable String nextCursor) {

		static Page of(InstancePage page, Function<OrderId, URI> statusUrl) {
			return new Page(page.items().stream().map((item) -> InstanceBody.of(item, statusUrl)).toList(),
					(page.next() != null) ? page.next().encode() : null);
		}

	}

	/**
	 * A revealed login: the one response that holds a secret.
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Credentials(String instanceId, String username, String password, String host, int port,
			@Nullable String sslmode, @Nullable String caCertificate, @Nullable String jdbcUrl, @Nullable String psql,
			@Nullable String mariadb) {

		static Credentials of(Instances.Revealed revealed) {
			InstanceView instance = revealed.instance();
			Instance connection = instance.connection();
			if (connection == null) {
				throw new IllegalStateException("a revealed instance runs");
			}
			OrderDetails details = instance.details();
			ClientLines lines = ClientLines.of((details != null) ? details.databaseType() : null, connection,
					revealed.login().username());
			return new Credentials(instance.instanceId().value(), revealed.login().username(),
					revealed.login().password(), connection.host(), connection.port(), connection.sslMode(),
					connection.caCertificate(), lines.jdbcUrl(), lines.psql(), lines.mariadb());
		}

		@Override
		public String toString() {
			return "Credentials[instanceId=" + this.instanceId + ", username=" + this.username + ", password=(hidden)]";
		}

	}

	/**
	 * An instance's history: its orders with their transitions, and the timeline of all
	 * transitions and reveals.
	 *
	 * @param orders every order of the instance, oldest first
	 * @param items the timeline, oldest first
	 */
	record History(List<OrderItem> orders, List<Entry> items) {

		static History of(InstanceHistory history) {
			return new History(history.orders().stream().map(OrderItem::of).toList(),
					history.entries().stream().map(Entry::of).toList());
		}

	}

	/**
	 * One order of an instance.
	 *
	 * @param orderId the order
	 * @param type what it does
	 * @param instanceVersion its place among the instance's orders, absent until placed
	 * @param requestedBy the client that placed it, absent if unknown
	 * @param changes what an UPDATE changes
	 * @param status where it stands
	 * @param placedAt when it was placed, absent until its placement arrived
	 * @param transitions its distinct transitions, oldest first
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record OrderItem(String orderId, OrderType type, @Nullable Long instanceVersion, @Nullable String requestedBy,
			@Nullable Changes changes, OrderStatus status, @Nullable Instant placedAt, List<Step> transitions) {

		static OrderItem of(InstanceHistory.OrderRecord record) {
			OrderView order = record.order();
			OrderTerms terms = order.terms();
			return new OrderItem(order.orderId().value(), order.type(),
					(terms != null) ? terms.instanceVersion() : null, (terms != null) ? terms.requestedBy() : null,
					(terms != null) ? Changes.of(terms.changes()) : null, order.status(), order.placedAt(),
					record.transitions().stream().map(Step::of).toList());
		}

	}

	/**
	 * What an UPDATE changes; each absent when unchanged.
	 *
	 * @param storageGb new storage
	 * @param nodeSize new node size
	 * @param trustedSources new trusted sources (the whole list)
	 * @param deletionProtection new deletion protection
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Changes(@Nullable Integer storageGb, @Nullable String nodeSize, @Nullable List<String> trustedSources,
			@Nullable Boolean deletionProtection) {

		static @Nullable Changes of(@Nullable InstanceChanges changes) {
			return (changes != null) ? new Changes(changes.storageGb(), changes.nodeSize(), changes.trustedSources(),
					changes.deletionProtection()) : null;
		}

	}

	/**
	 * One transition of an order.
	 *
	 * @param status the status moved to
	 * @param at when
	 * @param step the provisioning step, if any
	 * @param failureCode why it failed, for FAILED
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Step(OrderStatus status, Instant at, @Nullable String step, @Nullable String failureCode) {

		static Step of(Transition transition) {
			return new Step(transition.status(), transition.at(), transition.step(),
					(transition.failure() != null) ? transition.failure().code() : null);
		}

	}

	/**
	 * One entry of an instance's timeline: an order transition ({@code kind}
	 * ORDER_STATUS, with the order's type and requester) or a reveal ({@code kind}
	 * CREDENTIALS_REVEALED, with the client and its customer).
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Entry(String kind, Instant at, @Nullable String orderId, @Nullable OrderType type,
			@Nullable String requestedBy, @Nullable OrderStatus status, @Nullable String step,
			@Nullable String failureCode, @Nullable String clientId, @Nullable String customerId) {

		static Entry of(InstanceHistory.Entry entry) {
			if (entry instanceof InstanceHistory.OrderTransition transition) {
				Transition t = transition.transition();
				OrderTerms terms = transition.order().terms();
				return new Entry("ORDER_STATUS", t.at(), transition.orderId().value(), transition.order().type(),
						(terms != null) ? terms.requestedBy() : null, t.status(), t.step(),
						(t.failure() != null) ? t.failure().code() : null, null, null);
			}
			InstanceHistory.Revealed revealed = (InstanceHistory.Revealed) entry;
			return new Entry("CREDENTIALS_REVEALED", revealed.at(), null, null, null, null, null, null,
					revealed.reveal().clientId(), revealed.reveal().customerId());
		}

	}

}
