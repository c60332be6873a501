package dev.dbaas.pipeline.status.instance.web;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.dbaas.pipeline.status.instance.ClientLines;
import dev.dbaas.pipeline.status.instance.InstanceHistory;
import dev.dbaas.pipeline.status.instance.InstancePage;
import dev.dbaas.pipeline.status.instance.InstanceState;
import dev.dbaas.pipeline.status.instance.InstanceView;
import dev.dbaas.pipeline.status.instance.Instances;
import dev.dbaas.pipeline.status.order.Instance;
import dev.dbaas.pipeline.status.order.OrderDetails;
import dev.dbaas.pipeline.status.order.OrderStatus;
import dev.dbaas.pipeline.status.order.Transition;
import org.jspecify.annotations.Nullable;

/**
 * The JSON shapes of {@code /v1/instances}. Fields that do not apply are absent. Only
 * {@link Credentials} ever holds a secret.
 */
final class InstanceJson {

	private InstanceJson() {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record InstanceBody(String instanceId, String customerId, InstanceState state, @Nullable String databaseType,
			@Nullable String databaseVersion, @Nullable String nodeSize, @Nullable Integer storageGb,
			@Nullable String region, @Nullable List<String> trustedSources, String orderId,
			@Nullable Connection connection) {

		static InstanceBody of(InstanceView instance) {
			OrderDetails details = instance.details();
			return new InstanceBody(instance.instanceId().value(), instance.customerId(), instance.state(),
					(details != null) ? details.databaseType() : null,
					(details != null) ? details.databaseVersion() : null, (details != null) ? details.nodeSize() : null,
					(details != null) ? details.storageGb() : null, (details != null) ? details.region() : null,
					(details != null) ? details.trustedSources() : null, instance.createOrder().orderId().value(),
					Connection.of(instance.connection()));
		}

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

		static Page of(InstancePage page) {
			return new Page(page.items().stream().map(InstanceBody::of).toList(),
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

	record History(List<Entry> items) {

		static History of(InstanceHistory history) {
			return new History(history.entries().stream().map(Entry::of).toList());
		}

	}

	/**
	 * One entry of an instance's history: an order transition ({@code kind} ORDER_STATUS)
	 * or a reveal ({@code kind} CREDENTIALS_REVEALED, with the client and its customer).
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Entry(String kind, Instant at, @Nullable String orderId, @Nullable OrderStatus status, @Nullable String step,
			@Nullable String failureCode, @Nullable String clientId, @Nullable String customerId) {

		static Entry of(InstanceHistory.Entry entry) {
			if (entry instanceof InstanceHistory.OrderTransition transition) {
				Transition t = transition.transition();
				return new Entry("ORDER_STATUS", t.at(), transition.orderId().value(), t.status(), t.step(),
						(t.failure() != null) ? t.failure().code() : null, null, null);
			}
			InstanceHistory.Revealed revealed = (InstanceHistory.Revealed) entry;
			return new Entry("CREDENTIALS_REVEALED", revealed.at(), null, null, null, null,
					revealed.reveal().clientId(), revealed.reveal().customerId());
		}

	}

}
