package dev.dbaas.pipeline.status.instance.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import dev.dbaas.pipeline.contract.credentials.SealedCredential;
import dev.dbaas.pipeline.contract.instance.InstanceIdRule;
import dev.dbaas.pipeline.contract.kafka.PipelineTopics;
import dev.dbaas.pipeline.events.OrderPlaced;
import dev.dbaas.pipeline.events.OrderStatusChanged;
import dev.dbaas.pipeline.security.test.TestTokens;
import dev.dbaas.pipeline.status.WireEvents;
import dev.dbaas.pipeline.status.order.OrderDetails;
import dev.dbaas.pipeline.status.order.OrderStatus;
import dev.dbaas.pipeline.testkit.RealInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static dev.dbaas.pipeline.status.order.OrderEvents.aStatusChange;
import static dev.dbaas.pipeline.status.order.OrderEvents.anOrderPlaced;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The instances API over a view fed through real Kafka and PostgreSQL with events as the
 * provisioner publishes them: credentials sealed for a test key whose private half this
 * service holds. Who may reveal, what each non-revealable instance answers, the history
 * of reveals, and that the password appears in the reveal response only.
 */
@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class InstanceApiIntegrationTest {

	static final SealingKeys KEYS = SealingKeys.generate();

	static final SealingKeys OTHER_KEYS = SealingKeys.generate();

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String PROBLEMS = "https://dbaas.example/problems/";

	private static final String CA = "-----BEGIN CERTIFICATE-----\nMIIBtestca\n-----END CERTIFICATE-----\n";

	private static final String PASSWORD = "Pw-" + UUID.randomUUID();

	private final String customer = "c-inst-" + UUID.randomUUID();

	private final String otherCustomer = "c-inst-other-" + UUID.randomUUID();

	private final Fixture running = new Fixture(UUID.randomUUID().toString(), InstanceIdRule.newId());

	private final Fixture creating = new Fixture(UUID.randomUUID().toString(), InstanceIdRule.newId());

	private final Fixture failed = new Fixture(UUID.randomUUID().toString(), InstanceIdRule.newId());

	private final Fixture unsealed = new Fixture(UUID.randomUUID().toString(), InstanceIdRule.newId());

	private final Fixture foreignKey = new Fixture(UUID.randomUUID().toString(), InstanceIdRule.newId());

	private final Fixture ofOther = new Fixture(UUID.randomUUID().toString(), InstanceIdRule.newId());

	private final HttpClient http = HttpClient.newHttpClient();

	private WireEvents wire;

	@LocalServerPort
	int port;

	@Autowired
	PipelineTopics topics;

	@Autowired
	JdbcClient jdbc;

	@Value("${spring.kafka.bootstrap-servers}")
	String bootstrapServers;

	@DynamicPropertySource
	static void privateKey(DynamicPropertyRegistry registry) {
		registry.add("status.credentials.private-key", KEYS::privateKeyLocation);
	}

	@BeforeAll
	void publishAsTheProvisionerDoes() {
		this.wire = new WireEvents(this.bootstrapServers, this.topics);
		// The running instance's events arrive out of order and twice.
		OrderStatusChanged done = done(this.running, this.customer,
				KEYS.seal(this.running.instanceId, "admin_user", PASSWORD));
		OrderPlaced placed = placed(this.running, this.customer);
		send(done);
		send(placed);
		send(done);
		send(placed);
		send(placed(this.creating, this.customer));
		send(processing(this.creating, this.customer));
		send(placed(this.failed, this.customer));
		send(failed(this.failed, this.customer));
		send(placed(this.unsealed, this.customer));
		send(done(this.unsealed, this.customer, null));
		send(placed(this.foreignKey, this.customer));
		send(done(this.foreignKey, this.customer, OTHER_KEYS.seal(this.foreignKey.instanceId, "admin_user", PASSWORD)));
		send(placed(this.ofOther, this.otherCustomer));
		send(done(this.ofOther, this.otherCustomer, KEYS.seal(this.ofOther.instanceId, "admin_user", PASSWORD)));
		this.wire.flush();
		String ops = TestTokens.ops();
		await().atMost(TIMEOUT).untilAsserted(() -> {
			for (Fixture fixture : List.of(this.running, this.unsealed, this.foreignKey, this.ofOther)) {
				assertThat(json(get(ops, "/v1/instances/" + fixture.instanceId)).path("state").asString())
					.isEqualTo("RUNNING");
			}
			assertThat(json(get(ops, "/v1/instances/" + this.failed.instanceId)).path("state").asString())
				.isEqualTo("FAILED");
			assertThat(json(get(ops, "/v1/instances/" + this.creating.instanceId)).path("databaseType").asString())
				.isEqualTo("POSTGRESQL");
		});
	}

	@AfterAll
	void closeProducer() {
		if (this.wire != null) {
			this.wire.close();
		}
	}

	@Test
	void anInstanceShowsItsStateDetailsAndConnectionFactsButNoSecret() throws Exception {
		HttpResponse<String> response = get(TestTokens.customer(this.customer),
				"/v1/instances/" + this.running.instanceId);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("ETag")).isPresent();
		JsonNode body = json(response);
		assertThat(body.path("instanceId").asString()).isEqualTo(this.running.instanceId);
		assertThat(body.path("customerId").asString()).isEqualTo(this.customer);
		assertThat(body.path("state").asString()).isEqualTo("RUNNING");
		assertThat(body.path("orderId").asString()).isEqualTo(this.running.orderId);
		assertThat(body.path("databaseVersion").asString()).isEqualTo("17");
		assertThat(body.path("storageGb").asInt()).isEqualTo(20);
		assertThat(body.path("trustedSources").get(0).asString()).isEqualTo("127.0.0.2/32");
		assertThat(body.path("connection").path("host").asString()).isEqualTo("127.0.0.1");
		assertThat(body.path("connection").path("port").asInt()).isEqualTo(this.running.port);
		assertThat(body.path("connection").path("sslmode").asString()).isEqualTo("verify-full");
		assertThat(body.path("connection").path("caCertificate").asString()).isEqualTo(CA);
		assertThat(response.body()).doesNotContain(PASSWORD).doesNotContain("sealed").doesNotContain("eyJ");

		assertThat(response.headers().firstValue("ETag")).as("the instance's version, as If-Match expects it")
			.hasValue("\"1\"");
		assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
		HttpResponse<String> unchanged = this.http
			.send(request(TestTokens.customer(this.customer), "/v1/instances/" + this.running.instanceId)
				.header("If-None-Match", response.headers().firstValue("ETag").orElseThrow())
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(unchanged.statusCode()).as("never 304: the state changes within a version").isEqualTo(200);
		assertThat(unchanged.body()).contains(this.running.instanceId);
	}

	@Test
	void aCreatingInstanceHasNoConnectionYetAndOrdersCarryTheirInstanceId() throws Exception {
		JsonNode instance = json(get(TestTokens.customer(this.customer), "/v1/instances/" + this.creating.instanceId));
		JsonNode order = json(get(TestTokens.customer(this.customer), "/v1/orders/" + this.creating.orderId));

		assertThat(instance.path("state").asString()).isEqualTo("CREATING");
		assertThat(instance.has("connection")).isFalse();
		assertThat(order.path("instanceId").asString()).isEqualTo(this.creating.instanceId);
	}

	@Test
	void anotherCustomersInstanceIsNotFoundLikeAnUnknownOne() throws Exception {
		HttpResponse<String> foreign = get(TestTokens.customer(this.customer),
				"/v1/instances/" + this.ofOther.instanceId);
		HttpResponse<String> unknown = get(TestTokens.customer(this.customer),
				"/v1/instances/" + InstanceIdRule.newId());

		assertThat(foreign.statusCode()).isEqualTo(404);
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(json(foreign).path("type").asString()).isEqualTo(PROBLEMS + "instance-not-found");
		assertThat(json(unknown).path("type").asString()).isEqualTo(PROBLEMS + "instance-not-found");
	}

	@ParameterizedTest(name = "''{0}''")
	@ValueSource(strings = { "db-0123", "DB-0123456789ABCDEF", "db-0123456789abcdeg", "o-unknown",
			"d5058473-3eac-4340-93c6-68d455fcb47c", "db-0123456789abcdef0" })
	void anInvalidInstanceIdIsAnInvalidParameterProblemOnEveryEndpoint(String id) throws Exception {
		for (HttpResponse<String> response : List.of(get(TestTokens.ops(), "/v1/instances/" + id),
				get(TestTokens.ops(), "/v1/instances/" + id + "/history"),
				post(TestTokens.customer(this.customer), "/v1/instances/" + id + "/credentials"))) {
			assertThat(response.statusCode()).isEqualTo(400);
			JsonNode problem = json(response);
			assertThat(problem.path("type").asString()).isEqualTo(PROBLEMS + "invalid-parameter");
			assertThat(problem.path("errors").get(0).path("parameter").asString()).isEqualTo("instanceId");
			assertThat(problem.path("errors").get(0).path("detail").asString()).contains("db-");
		}
	}

	Stream<Arguments> whoMayReveal() {
		return Stream.of(
				Arguments.of("the instance's customer", TestTokens.customer(this.customer), this.running, 200, null),
				Arguments.of("another customer", TestTokens.customer(this.otherCustomer), this.running, 404,
						"instance-not-found"),
				Arguments.of("a service token without the scope", TestTokens.service("portal-x", "orders:read"),
						this.running, 403, "forbidden"),
				Arguments.of("a service token with the scope",
						TestTokens.service("vault-sync", "instances:credentials"), this.running, 200, null),
				Arguments.of("ops", TestTokens.ops(), this.running, 403, "forbidden"),
				Arguments.of("ops with the scope too",
						TestTokens.service("ops2", "orders:ops", "instances:credentials"), this.running, 403,
						"forbidden"),
				Arguments.of("a token without any read scope", TestTokens.service("writer", "orders:write"),
						this.running, 403, "forbidden"),
				Arguments.of("a CREATING instance", TestTokens.customer(this.customer), this.creating, 409,
						"instance-not-running"),
				Arguments.of("a FAILED instance", TestTokens.customer(this.customer), this.failed, 409,
						"instance-not-running"),
				Arguments.of("an instance without sealed credentials", TestTokens.customer(this.customer),
						this.unsealed, 409, "credentials-unavailable"),
				Arguments.of("credentials sealed for another key", TestTokens.customer(this.customer), this.foreignKey,
						409, "credentials-unavailable"));
	}

	@ParameterizedTest(name = "{0}: {3}")
	@MethodSource("whoMayReveal")
	void revealsCredentialsOnlyToWhoMay(String who, String token, Fixture instance, int status,
			@org.jspecify.annotations.Nullable String problemType) throws Exception {
		HttpResponse<String> response = post(token, "/v1/instances/" + instance.instanceId + "/credentials");

		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		if (problemType != null) {
			assertThat(json(response).path("type").asString()).isEqualTo(PROBLEMS + problemType);
			assertThat(response.body()).doesNotContain(PASSWORD);
			return;
		}
		JsonNode body = json(response);
		assertThat(response.headers().firstValue("Cache-Control"))
			.hasValueSatisfying((value) -> assertThat(value).contains("no-store"));
		assertThat(body.path("instanceId").asString()).isEqualTo(instance.instanceId);
		assertThat(body.path("username").asString()).isEqualTo("admin_user");
		assertThat(body.path("password").asString()).isEqualTo(PASSWORD);
		assertThat(body.path("host").asString()).isEqualTo("127.0.0.1");
		assertThat(body.path("port").asInt()).isEqualTo(instance.port);
		assertThat(body.path("sslmode").asString()).isEqualTo("verify-full");
		assertThat(body.path("caCertificate").asString()).isEqualTo(CA);
		assertThat(body.path("jdbcUrl").asString()).isEqualTo(
				"jdbc:postgresql://127.0.0.1:" + instance.port + "/postgres?sslmode=verify-full&sslrootcert=ca.pem");
		assertThat(body.path("psql").asString()).startsWith("psql \"host=127.0.0.1 port=" + instance.port)
			.contains("user=admin_user")
			.doesNotContain(PASSWORD);
	}

	@Test
	void aRevealWithKeysOfAnotherServiceNamesBothKeyIds() throws Exception {
		HttpResponse<String> response = post(TestTokens.customer(this.customer),
				"/v1/instances/" + this.foreignKey.instanceId + "/credentials");

		assertThat(response.statusCode()).isEqualTo(409);
		assertThat(json(response).path("detail").asString()).contains("sealed for key").contains("holds key");
	}

	@Test
	void everyRevealIsInTheHistoryWithTheClientAndWithoutTheSecret(CapturedOutput output) throws Exception {
		String token = TestTokens.service("history-client", "instances:credentials");
		int logFrom = output.getAll().length();

		assertThat(post(token, "/v1/instances/" + this.running.instanceId + "/credentials").statusCode())
			.isEqualTo(200);

		HttpResponse<String> history = get(TestTokens.customer(this.customer),
				"/v1/instances/" + this.running.instanceId + "/history");
		assertThat(history.statusCode()).isEqualTo(200);
		assertThat(history.body()).doesNotContain(PASSWORD);
		JsonNode items = json(history).path("items");
		assertThat(items.get(0).path("kind").asString()).isEqualTo("ORDER_STATUS");
		assertThat(items.get(0).path("status").asString()).isEqualTo("NEW");
		assertThat(items).anySatisfy((item) -> {
			assertThat(item.path("kind").asString()).isEqualTo("CREDENTIALS_REVEALED");
			assertThat(item.path("clientId").asString()).isEqualTo("history-client");
		});
		assertThat(items).anySatisfy((item) -> assertThat(item.path("status").asString()).isEqualTo("DONE"));
		assertThat(output.getAll().substring(logFrom)).doesNotContain(PASSWORD);
	}

	@Test
	void thePasswordAppearsInTheRevealResponseOnlyNeverInTheTablesOtherResponsesOrTheLog(CapturedOutput output)
			throws Exception {
		String customerToken = TestTokens.customer(this.customer);
		HttpResponse<String> reveal = post(customerToken, "/v1/instances/" + this.running.instanceId + "/credentials");
		assertThat(reveal.body()).contains(PASSWORD);

		List<String> others = List.of("/v1/instances/" + this.running.instanceId,
				"/v1/instances/" + this.running.instanceId + "/history", "/v1/instances?customerId=" + this.customer,
				"/v1/instances", "/v1/orders/" + this.running.orderId, "/v1/orders?customerId=" + this.customer,
				"/v1/orders/" + this.running.orderId + "/history");
		for (String path : others) {
			HttpResponse<String> response = get(customerToken, path);
			assertThat(response.statusCode()).as(path).isEqualTo(200);
			assertThat(response.body()).as(path)
				.doesNotContain(PASSWORD)
				.doesNotContain("eyJhbGciOiJSU0EtT0FFUC0yNTYi");
		}
		for (String table : List.of("order_view", "order_event", "instance_credential_reveal")) {
			List<String> rows = this.jdbc.sql("SELECT t::text FROM " + table + " t").query(String.class).list();
			assertThat(rows).as(table).isNotEmpty().noneSatisfy((row) -> assertThat(row).contains(PASSWORD));
		}
		String sealedInView = this.jdbc.sql("SELECT credentials_sealed FROM order_view WHERE order_id = ?")
			.param(this.running.orderId)
			.query(String.class)
			.single();
		assertThat(sealedInView).as("the view keeps the ciphertext as it came").startsWith("eyJ");
		assertThat(output.getAll()).doesNotContain(PASSWORD);
	}

	@Test
	void listsTheCustomersInstancesNewestFirstInPages() throws Exception {
		String token = TestTokens.customer(this.customer);
		JsonNode first = json(get(token, "/v1/instances?limit=2"));
		assertThat(first.path("items")).hasSize(2);
		JsonNode rest = json(get(token, "/v1/instances?limit=200&cursor=" + first.path("nextCursor").asString()));

		List<String> listed = Stream.concat(first.path("items").valueStream(), rest.path("items").valueStream())
			.map((item) -> item.path("instanceId").asString())
			.toList();
		assertThat(listed).containsExactlyInAnyOrder(this.running.instanceId, this.creating.instanceId,
				this.failed.instanceId, this.unsealed.instanceId, this.foreignKey.instanceId);
		assertThat(rest.has("nextCursor")).isFalse();
		assertThat(get(token, "/v1/instances?customerId=" + this.otherCustomer).statusCode()).isEqualTo(403);
		HttpResponse<String> bad = get(token, "/v1/instances?limit=0&cursor=nope");
		assertThat(bad.statusCode()).isEqualTo(400);
		assertThat(json(bad).path("errors")).hasSize(2);
	}

	private OrderPlaced placed(Fixture fixture, String customerId) {
		OrderPlaced placed = WireEvents.toWire(anOrderPlaced(fixture.orderId).by(customerId)
			.with(new OrderDetails("POSTGRESQL", "17", "b2-4", 20, "DE-WEST-1", List.of("127.0.0.2/32")))
			.build());
		placed.setInstanceId(fixture.instanceId);
		return placed;
	}

	private OrderStatusChanged processing(Fixture fixture, String customerId) {
		OrderStatusChanged event = WireEvents
			.toWire(aStatusChange(fixture.orderId, OrderStatus.PROCESSING, 1).by(customerId)
				.step("CREATE_INSTANCE")
				.build());
		event.setInstanceId(fixture.instanceId);
		return event;
	}

	private OrderStatusChanged failed(Fixture fixture, String customerId) {
		OrderStatusChanged event = WireEvents
			.toWire(aStatusChange(fixture.orderId, OrderStatus.FAILED, 2).by(customerId)
				.failure("CAPACITY_EXHAUSTED", "No room")
				.build());
		event.setInstanceId(fixture.instanceId);
		return event;
	}

	private OrderStatusChanged done(Fixture fixture, String customerId, SealedCredential sealed) {
		OrderStatusChanged event = WireEvents.toWire(aStatusChange(fixture.orderId, OrderStatus.DONE, 3).by(customerId)
			.instance("127.0.0.1", fixture.port, "verify-full", CA)
			.build());
		event.setInstanceId(fixture.instanceId);
		if (sealed != null) {
			event.setCredentials(new dev.dbaas.pipeline.events.SealedCredentials(sealed.keyId(), sealed.sealed()));
		}
		return event;
	}

	private void send(OrderPlaced event) {
		this.wire.send(this.topics.orderPlaced(), event.getOrderId(), event);
	}

	private void send(OrderStatusChanged event) {
		this.wire.send(this.topics.orderStatus(), event.getOrderId(), event);
	}

	private HttpRequest.Builder request(String token, String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Authorization", "Bearer " + token);
	}

	private HttpResponse<String> get(String token, String path) throws Exception {
		return this.http.send(request(token, path).GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String token, String path) throws Exception {
		return this.http.send(request(token, path).POST(HttpRequest.BodyPublishers.noBody()).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static JsonNode json(HttpResponse<String> response) {
		return JSON.readTree(response.body());
	}

	/** One instance and its create order. */
	record Fixture(String orderId, String instanceId, int port) {

		Fixture(String orderId, String instanceId) {
			this(orderId, instanceId, 20_000 + Math.floorMod(instanceId.hashCode(), 20_000));
		}

		@Override
		public String toString() {
			return this.instanceId;
		}

	}

}
