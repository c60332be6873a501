package dev.dbaas.pipeline.systemtests;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import dev.dbaas.pipeline.devstack.DevStack;
import dev.dbaas.pipeline.devstack.DevStackOptions;
import dev.dbaas.pipeline.testkit.fixtures.Orders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The life of a real PostgreSQL instance on the launcher's default, local backend, as a
 * customer lives it (issue 18's acceptance): create for {@code 127.0.0.2/32}; move the
 * trusted source to {@code 127.0.0.4/32}, after which 127.0.0.4 logs in and 127.0.0.2 is
 * refused by the server; grow storage and change the node size, observed as ordered;
 * delete, after which the instance is DELETED and its port refuses connections.
 */
class InstanceLifecycleEndToEndTest {

	private static final String CUSTOMER = "c-lifecycle-1";

	private static final Duration REAL_ORDER = Duration.ofMinutes(3);

	@TempDir
	static Path dataDir;

	static DevStack stack;

	static InstanceClient client;

	@BeforeAll
	static void startPipeline() {
		stack = DevStack.start(DevStackOptions.defaults().withDataDir(dataDir).withPorts(0, 0, 0, 0, 0));
		client = new InstanceClient(stack, CUSTOMER);
	}

	@AfterAll
	static void stopPipeline() {
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	void createChangeTrustedSourcesGrowResizeAndDelete() throws Exception {
		InstanceClient.Reply created = client.create(Orders.aValidOrder()
			.withCustomerId(CUSTOMER)
			.with("databaseType", "POSTGRESQL")
			.with("databaseVersion", "17")
			.with("trustedSources", List.of("127.0.0.2/32"))
			.toJson());
		assertThat(created.code()).as(created.raw()).isEqualTo(202);
		String instanceId = created.text("instanceId");
		assertThat(client.awaitTerminal(created.text("orderId"), REAL_ORDER).path("status").asString())
			.isEqualTo("DONE");

		InstanceClient.Reply running = client.instance(instanceId);
		assertThat(running.text("state")).as(running.raw()).isEqualTo("RUNNING");
		assertThat(running.etag()).isEqualTo("\"1\"");
		JsonNode connection = running.json().path("connection");
		String host = connection.path("host").asString();
		int port = connection.path("port").asInt();
		Path ca = dataDir.resolve(instanceId + "-ca.pem");
		Files.writeString(ca, connection.path("caCertificate").asString());
		InstanceClient.Reply credentials = client.revealCredentials(instanceId);
		assertThat(credentials.code()).as(credentials.raw()).isEqualTo(200);
		Login login = new Login(host, port, ca, credentials.text("username"), credentials.text("password"));
		assertThat(login.from("127.0.0.2")).contains("PostgreSQL 17.");

		InstanceClient.Reply stale = client.change(instanceId, Map.of("type", "UPDATE", "storageGb", 100), "\"7\"");
		assertThat(stale.code()).as(stale.raw()).isEqualTo(412);
		assertThat(stale.type()).endsWith("/precondition-failed");

		InstanceClient.Reply sources = client.change(instanceId,
				Map.of("type", "UPDATE", "trustedSources", List.of("127.0.0.4/32")), running.etag());
		assertThat(sources.code()).as(sources.raw()).isEqualTo(202);
		assertThat(sources.text("type")).isEqualTo("UPDATE");
		assertThat(sources.text("instanceId")).isEqualTo(instanceId);
		JsonNode sourcesDone = client.awaitTerminal(sources.text("orderId"), REAL_ORDER);
		assertThat(sourcesDone.path("status").asString()).as(sourcesDone.toString()).isEqualTo("DONE");
		assertThat(sourcesDone.path("type").asString()).isEqualTo("UPDATE");
		assertThat(sourcesDone.path("instanceId").asString()).isEqualTo(instanceId);
		assertThat(login.from("127.0.0.4")).contains("PostgreSQL 17.");
		assertThatExceptionOfType(SQLException.class).as("a login from 127.0.0.2, no longer trusted")
			.isThrownBy(() -> login.from("127.0.0.2"));

		InstanceClient.Reply shrink = client.changeWhenIdle(instanceId, Map.of("type", "UPDATE", "storageGb", 40));
		assertThat(shrink.code()).as(shrink.raw()).isEqualTo(422);
		assertThat(shrink.raw()).contains("/storageGb");

		InstanceClient.Reply resize = client.changeWhenIdle(instanceId,
				Map.of("type", "UPDATE", "storageGb", 100, "nodeSize", "b4-8"));
		assertThat(resize.code()).as(resize.raw()).isEqualTo(202);
		JsonNode resized = client.awaitTerminal(resize.text("orderId"), REAL_ORDER);
		assertThat(resized.path("status").asString()).as(resized.toString()).isEqualTo("DONE");
		InstanceClient.Reply afterResize = client.instance(instanceId);
		JsonNode observed = afterResize.json().path("observed");
		assertThat(afterResize.text("state")).as(afterResize.raw()).isEqualTo("RUNNING");
		assertThat(observed.path("storageGb").asInt()).as(afterResize.raw()).isEqualTo(100);
		assertThat(observed.path("nodeSize").asString()).isEqualTo("b4-8");
		assertThat(observed.path("trustedSources").toString()).isEqualTo("[\"127.0.0.4/32\"]");
		assertThat(afterResize.json().path("desired").path("nodeSize").asString()).isEqualTo("b4-8");
		assertThat(afterResize.etag()).isEqualTo("\"3\"");
		assertThat(login.from("127.0.0.4")).as("the restarted server").contains("PostgreSQL 17.");

		InstanceClient.Reply wrongConfirm = client.change(instanceId,
				Map.of("type", "DELETE", "confirm", "db-0000000000000000"), null);
		assertThat(wrongConfirm.code()).as(wrongConfirm.raw()).isEqualTo(422);
		assertThat(wrongConfirm.raw()).contains("/confirm");

		InstanceClient.Reply delete = client.changeWhenIdle(instanceId,
				Map.of("type", "DELETE", "confirm", instanceId));
		assertThat(delete.code()).as(delete.raw()).isEqualTo(202);
		assertThat(client.awaitTerminal(delete.text("orderId"), REAL_ORDER).path("status").asString())
			.isEqualTo("DONE");
		InstanceClient.Reply deleted = client.instance(instanceId);
		assertThat(deleted.text("state")).as(deleted.raw()).isEqualTo("DELETED");
		assertThatExceptionOfType(ConnectException.class).as("the deleted instance's port " + port)
			.isThrownBy(() -> probe(host, port));

		InstanceClient.Reply afterDelete = client.changeWhenIdle(instanceId,
				Map.of("type", "UPDATE", "storageGb", 150));
		assertThat(afterDelete.code()).as(afterDelete.raw()).isEqualTo(409);
		assertThat(afterDelete.type()).endsWith("/instance-not-changeable");

		InstanceClient.Reply history = client.instanceHistory(instanceId);
		assertThat(history.raw()).contains("\"CREATE\"", "\"UPDATE\"", "\"DELETE\"");
	}

	private static void probe(String host, int port) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), 2000);
		}
	}

	/** A TLS login to the instance, from one loopback address. */
	private record Login(String host, int port, Path ca, String username, String password) {

		String from(String address) throws SQLException {
			Properties properties = new Properties();
			properties.setProperty("user", this.username);
			properties.setProperty("password", this.password);
			properties.setProperty("localSocketAddress", address);
			properties.setProperty("sslmode", "verify-full");
			properties.setProperty("sslrootcert", this.ca.toString());
			properties.setProperty("connectTimeout", "10");
			try (Connection connection = DriverManager
				.getConnection("jdbc:postgresql://" + this.host + ":" + this.port + "/postgres", properties);
					Statement statement = connection.createStatement();
					ResultSet result = statement.executeQuery("SELECT version()")) {
				result.next();
				return result.getString(1);
			}
		}

	}

}
