package dev.dbaas.pipeline.systemtests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import java.util.UUID;

import dev.dbaas.pipeline.devstack.DevStack;
import dev.dbaas.pipeline.devstack.DevStackOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * DONE means a database you can connect to: the launcher with its default, real local
 * backend orders PostgreSQL and MariaDB for {@code 127.0.0.2/32}, reads the connection
 * facts and the credentials as a customer would, logs in over TLS from 127.0.0.2 with the
 * server's certificate verified against the instance's CA, and is refused from 127.0.0.3
 * by the server itself.
 */
class RealBackendEndToEndTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String CUSTOMER = "c-real-1";

	@TempDir
	static Path dataDir;

	static DevStack stack;

	static String token;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@BeforeAll
	static void startPipeline() {
		stack = DevStack.start(DevStackOptions.defaults().withDataDir(dataDir).withPorts(0, 0, 0, 0, 0));
		token = stack.tokens().customerToken(CUSTOMER, Duration.ofHours(1));
	}

	@AfterAll
	static void stopPipeline() {
		if (stack != null) {
			stack.close();
		}
	}

	@ParameterizedTest(name = "{0} {1}")
	@CsvSource({ "POSTGRESQL, 17, PostgreSQL 17.", "MARIADB, 11.4, 11.4." })
	void orderedDatabaseAcceptsTlsLoginsFromTrustedSourcesOnly(String type, String version, String versionText)
			throws Exception {
		long placedAt = System.nanoTime();
		JsonNode accepted = send("POST", intake("/v1/orders"), order(type, version));
		String orderId = accepted.path("orderId").asString();
		String instanceId = accepted.path("instanceId").asString();
		assertThat(instanceId).as(accepted.toString()).startsWith("db-");

		await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
			JsonNode order = send("GET", status("/v1/orders/" + orderId), null);
			assertThat(order.path("status").asString()).as(order.toString()).isIn("DONE", "FAILED");
		});
		JsonNode done = send("GET", status("/v1/orders/" + orderId), null);
		assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("DONE");
		System.out.printf("%s %s: 202 -> DONE in %.1f s%n", type, version, (System.nanoTime() - placedAt) / 1e9);

		JsonNode instance = send("GET", status("/v1/instances/" + instanceId), null);
		assertThat(instance.path("state").asString()).as(instance.toString()).isEqualTo("RUNNING");
		JsonNode connection = instance.path("connection");
		assertThat(connection.path("sslmode").asString()).isEqualTo("verify-full");
		assertThat(connection.path("caCertificate").asString()).startsWith("-----BEGIN CERTIFICATE-----");
		assertThat(instance.toString()).doesNotContain("password");

		JsonNode credentials = send("POST", status("/v1/instances/" + instanceId + "/credentials"), "");
		String username = credentials.path("username").asString();
		String password = credentials.path("password").asString();
		assertThat(password).isNotBlank();

		Path ca = dataDir.resolve(instanceId + "-ca.pem");
		Files.writeString(ca, connection.path("caCertificate").asString());
		String host = connection.path("host").asString();
		int port = connection.path("port").asInt();

		try (Connection trusted = connect(type, host, port, ca, username, password, "127.0.0.2");
				Statement statement = trusted.createStatement();
				ResultSet result = statement.executeQuery("SELECT version()")) {
			assertThat(result.next()).isTrue();
			assertThat(result.getString(1)).contains(versionText);
		}
		assertThatExceptionOfType(SQLException.class).as("a login from 127.0.0.3, which is not a trusted source")
			.isThrownBy(() -> connect(type, host, port, ca, username, password, "127.0.0.3").close());
	}

	private static Connection connect(String type, String host, int port, Path ca, String username, String password,
			String from) throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("user", username);
		properties.setProperty("password", password);
		properties.setProperty("localSocketAddress", from);
		if ("POSTGRESQL".equals(type)) {
			properties.setProperty("sslmode", "verify-full");
			properties.setProperty("sslrootcert", ca.toString());
			properties.setProperty("connectTimeout", "10");
			return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/postgres", properties);
		}
		properties.setProperty("sslMode", "verify-full");
		properties.setProperty("serverSslCert", ca.toString());
		properties.setProperty("connectTimeout", "10000");
		return DriverManager.getConnection("jdbc:mariadb://" + host + ":" + port + "/", properties);
	}

	private static String order(String type, String version) {
		return JSON.writeValueAsString(Map.of("customerId", CUSTOMER, "databaseType", type, "databaseVersion", version,
				"nodeSize", "b2-4", "storageGb", 50, "trustedSources", List.of("127.0.0.2/32"), "region", "DE-WEST-1",
				"invoiceProfile", Map.of("existingId", "inv-7781"), "acceptedDocuments",
				List.of(Map.of("id", "terms-of-service", "version", "2025-01"),
						Map.of("id", "data-processing-agreement", "version", "2025-01"),
						Map.of("id", "service-description", "version", "2025-01"))));
	}

	private static URI intake(String path) {
		return URI.create("http://localhost:" + stack.options().intakePort() + path);
	}

	private static URI status(String path) {
		return URI.create("http://localhost:" + stack.options().statusPort() + path);
	}

	private JsonNode send(String method, URI uri, String body) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri)
			.header("Authorization", "Bearer " + token)
			.timeout(Duration.ofSeconds(10));
		if (body == null) {
			request.GET();
		}
		else {
			request.header("Content-Type", "application/json")
				.header("Idempotency-Key", UUID.randomUUID().toString())
				.method(method, HttpRequest.BodyPublishers.ofString(body));
		}
		HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(method + " " + uri + ": " + response.body()).isBetween(200, 299);
		return JSON.readTree(response.body());
	}

}
