package dev.dbaas.pipeline.status.query.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.dbaas.pipeline.contract.kafka.PipelineTopics;
import dev.dbaas.pipeline.security.test.HostileTokens;
import dev.dbaas.pipeline.security.test.TestTokens;
import dev.dbaas.pipeline.status.WireEvents;
import dev.dbaas.pipeline.status.order.OrderEvent;
import dev.dbaas.pipeline.status.order.OrderStatus;
import dev.dbaas.pipeline.testkit.RealInfrastructure;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.dbaas.pipeline.status.order.OrderEvents.T0;
import static dev.dbaas.pipeline.status.order.OrderEvents.aStatusChange;
import static dev.dbaas.pipeline.status.order.OrderEvents.anOrderPlaced;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Who may read which orders, and how much: bearer tokens on every endpoint, a customer
 * token that sees its own customer's orders only (another's is "not found", also after a
 * long poll), lists filtered to the customer, the summary and the rebuild for ops, the
 * caps on page size, long-poll wait and open long polls (two per client here), headers.
 */
@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "status.long-poll.max-per-client=2", "status.long-poll.poll-interval=200ms",
				"management.endpoint.rebuild.access=unrestricted" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiSecurityIntegrationTest {

	private static final String PROBLEMS = "https://dbaas.example/problems/";

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Customer A's and customer B's orders, placed once for the class. */
	private static final String CUSTOMER_A = "c-sec-a-" + UUID.randomUUID();

	private static final String CUSTOMER_B = "c-sec-b-" + UUID.randomUUID();

	private final String orderOfA = UUID.randomUUID().toString();

	private final String orderOfB = UUID.randomUUID().toString();

	private final HttpClient http = HttpClient.newHttpClient();

	private @Nullable WireEvents wire;

	@LocalServerPort
	int port;

	@Autowired
	PipelineTopics topics;

	@Autowired
	LongPollLimit longPolls;

	@Value("${spring.kafka.bootstrap-servers}")
	String bootstrapServers;

	@BeforeAll
	void placeOneOrderForEachCustomer() {
		this.wire = new WireEvents(this.bootstrapServers, this.topics);
		this.wire.publish(anOrderPlaced(this.orderOfA).by(CUSTOMER_A).build(),
				aStatusChange(this.orderOfA, OrderStatus.PROCESSING, 1).by(CUSTOMER_A).step("CREATE_INSTANCE").build(),
				anOrderPlaced(this.orderOfB).by(CUSTOMER_B).build());
		String ops = TestTokens.ops();
		await().atMost(TIMEOUT)
			.until(() -> get(ops, "/v1/orders/" + this.orderOfA + "/history").body().contains("CREATE_INSTANCE")
					&& get(ops, "/v1/orders/" + this.orderOfB).statusCode() == 200);
	}

	@AfterAll
	void closeProducer() {
		if (this.wire != null) {
			this.wire.close();
		}
	}

	Stream<Arguments> hostileTokensOnEveryEndpoint() {
		List<HostileTokens.Hostile> tokens = new ArrayList<>(
				HostileTokens.all(TestTokens.issuer(), TestTokens.untrustedKeyDirectory(), CUSTOMER_A));
		tokens.add(new HostileTokens.Hostile("missing", ""));
		List<String> endpoints = List.of("GET /v1/orders/" + this.orderOfA, "WAIT /v1/orders/" + this.orderOfA,
				"GET /v1/orders?customerId=" + CUSTOMER_A, "GET /v1/orders/" + this.orderOfA + "/history",
				"GET /v1/orders/summary", "POST /actuator/rebuild");
		return tokens.stream().flatMap((token) -> endpoints.stream().map((endpoint) -> Arguments.of(token, endpoint)));
	}

	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource("hostileTokensOnEveryEndpoint")
	void refusesEveryHostileTokenOnEveryEndpoint(HostileTokens.Hostile hostile, String endpoint) throws Exception {
		String[] methodAndPath = endpoint.split(" ", 2);
		HttpRequest.Builder request = request(hostile.token(), methodAndPath[1]);
		switch (methodAndPath[0]) {
			case "POST" -> request.POST(HttpRequest.BodyPublishers.noBody());
			case "WAIT" -> request.header("Prefer", "wait=20").GET();
			default -> request.GET();
		}
		long started = System.nanoTime();

		HttpResponse<String> response = send(request.build());

		assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
		assertThat(json(response).get("type").asString()).isEqualTo(PROBLEMS + "unauthorized");
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((header) -> assertThat(header).startsWith("Bearer"));
		assertThat(Duration.ofNanos(System.nanoTime() - started)).as("refused before waiting")
			.isLessThan(Duration.ofSeconds(10));
	}

	@Test
	void customerReadsItsOwnOrderAndHistory() throws Exception {
		String token = TestTokens.customer(CUSTOMER_A);

		HttpResponse<String> order = get(token, "/v1/orders/" + this.orderOfA);
		HttpResponse<String> history = get(token, "/v1/orders/" + this.orderOfA + "/history");

		assertThat(order.statusCode()).isEqualTo(200);
		assertThat(json(order).get("customerId").asString()).isEqualTo(CUSTOMER_A);
		assertThat(history.statusCode()).isEqualTo(200);
		assertThat(json(history).get("items").size()).isEqualTo(2);
	}

	@Test
	void anotherCustomersOrderIsNotFoundExactlyLikeAnUnknownOne() throws Exception {
		String token = TestTokens.customer(CUSTOMER_A);
		String unknown = "o-unknown-" + UUID.randomUUID();

		for (String suffix : List.of("", "/history")) {
			HttpResponse<String> foreign = get(token, "/v1/orders/" + this.orderOfB + suffix);
			HttpResponse<String> missing = get(token, "/v1/orders/" + unknown + suffix);

			assertThat(foreign.statusCode()).isEqualTo(404);
			assertNotFoundAlike(foreign, this.orderOfB, missing, unknown);
		}
		HttpResponse<String> anyTag = get(token, "/v1/orders/" + this.orderOfB, "If-None-Match", "*");
		assertThat(anyTag.statusCode()).as("never 304 for another customer's order").isEqualTo(404);
	}

	@Test
	void aLongPollOnAnotherCustomersOrderEndsInNotFoundAtTheDeadlineLikeAnUnknownOne() throws Exception {
		String token = TestTokens.customer(CUSTOMER_A);
		String unknown = "o-unknown-" + UUID.randomUUID();
		long started = System.nanoTime();
		CompletableFuture<HttpResponse<String>> foreign = getAsync(token, "/v1/orders/" + this.orderOfB, "Prefer",
				"wait=2");
		CompletableFuture<HttpResponse<String>> missing = getAsync(token, "/v1/orders/" + unknown, "Prefer", "wait=2");
		// The other customer's order changes while A waits: A must not be woken by it.
		this.wire.publish(
				aStatusChange(this.orderOfB, OrderStatus.PROCESSING, 1).by(CUSTOMER_B).step("ALLOCATE_NODE").build());

		HttpResponse<String> foreignResponse = foreign.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		Duration foreignTook = Duration.ofNanos(System.nanoTime() - started);
		HttpResponse<String> missingResponse = missing.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);

		assertThat(foreignTook).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
		assertThat(foreignResponse.statusCode()).isEqualTo(404);
		assertThat(foreignResponse.headers().firstValue("Preference-Applied")).hasValue("wait=2");
		assertNotFoundAlike(foreignResponse, this.orderOfB, missingResponse, unknown);
		assertThat(missingResponse.headers().firstValue("Preference-Applied")).hasValue("wait=2");
	}

	@Test
	void aCustomersListIsFilteredToItsCustomer() throws Exception {
		String token = TestTokens.customer(CUSTOMER_A);

		HttpResponse<String> all = get(token, "/v1/orders?limit=200");
		HttpResponse<String> own = get(token, "/v1/orders?customerId=" + CUSTOMER_A);
		HttpResponse<String> other = get(token, "/v1/orders?customerId=" + CUSTOMER_B);

		assertThat(all.statusCode()).isEqualTo(200);
		assertThat(customersOf(all)).containsOnly(CUSTOMER_A);
		assertThat(orderIdsOf(all)).contains(this.orderOfA).doesNotContain(this.orderOfB);
		assertThat(orderIdsOf(own)).containsExactly(this.orderOfA);
		assertThat(other.statusCode()).isEqualTo(403);
		assertThat(json(other).get("type").asString()).isEqualTo(PROBLEMS + "forbidden");
		assertThat(other.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
	}

	@Test
	void aServiceTokenReadsEveryCustomersOrders() throws Exception {
		String portal = TestTokens.portal();

		assertThat(get(portal, "/v1/orders/" + this.orderOfA).statusCode()).isEqualTo(200);
		assertThat(get(portal, "/v1/orders/" + this.orderOfB + "/history").statusCode()).isEqualTo(200);
		assertThat(orderIdsOf(get(portal, "/v1/orders?customerId=" + CUSTOMER_B))).containsExactly(this.orderOfB);
		assertThat(orderIdsOf(get(portal, "/v1/orders?customerId=" + CUSTOMER_A))).containsExactly(this.orderOfA);
	}

	@Test
	void aTokenWithoutTheReadScopeReadsNothing() throws Exception {
		String writer = TestTokens.service("writer-only", "orders:write");

		HttpResponse<String> response = get(writer, "/v1/orders/" + this.orderOfA);

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(json(response).get("type").asString()).isEqualTo(PROBLEMS + "forbidden");
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((header) -> assertThat(header).contains("insufficient_scope"));
		assertThat(get(writer, "/v1/orders").statusCode()).isEqualTo(403);
	}

	@Test
	void theSummaryIsForOpsOnly() throws Exception {
		String customerWithOpsScope = TestTokens.issuer()
			.token(CUSTOMER_A, CUSTOMER_A, List.of("orders:read", "orders:ops"), Duration.ofMinutes(5));

		assertThat(get(TestTokens.portal(), "/v1/orders/summary").statusCode()).isEqualTo(403);
		assertThat(get(TestTokens.customer(CUSTOMER_A), "/v1/orders/summary").statusCode()).isEqualTo(403);
		HttpResponse<String> customerOps = get(customerWithOpsScope, "/v1/orders/summary");
		assertThat(customerOps.statusCode()).as("a customer token is never ops").isEqualTo(403);
		assertThat(json(customerOps).get("type").asString()).isEqualTo(PROBLEMS + "forbidden");
		HttpResponse<String> ops = get(TestTokens.ops(), "/v1/orders/summary");
		assertThat(ops.statusCode()).isEqualTo(200);
		assertThat(json(ops).get("total").asLong()).isPositive();
	}

	@Test
	void theRebuildNeedsOps() throws Exception {
		// The endpoint is on in this context. It wipes the view, so no ops token calls it
		// here; ProjectionIntegrationTest does.
		HttpResponse<String> portal = post(TestTokens.portal(), "/actuator/rebuild");
		String customerWithOpsScope = TestTokens.issuer()
			.token(CUSTOMER_A, CUSTOMER_A, List.of("orders:read", "orders:ops"), Duration.ofMinutes(5));

		assertThat(portal.statusCode()).isEqualTo(403);
		assertThat(json(portal).get("type").asString()).isEqualTo(PROBLEMS + "forbidden");
		assertThat(post(TestTokens.customer(CUSTOMER_A), "/actuator/rebuild").statusCode()).isEqualTo(403);
		assertThat(post(customerWithOpsScope, "/actuator/rebuild").statusCode()).as("a customer token is never ops")
			.isEqualTo(403);
		assertThat(get(TestTokens.portal(), "/actuator/health").statusCode()).isEqualTo(200);
	}

	@Test
	void pageSizeIsCappedAt200() throws Exception {
		String customer = "c-many-" + UUID.randomUUID();
		List<OrderEvent> placed = new ArrayList<>();
		for (int i = 0; i < 201; i++) {
			placed.add(anOrderPlaced(UUID.randomUUID().toString()).by(customer).at(T0.plusSeconds(i)).build());
		}
		this.wire.publish(placed);
		String token = TestTokens.customer(customer);
		await().atMost(TIMEOUT)
			.until(() -> orderIdsOf(get(token, "/v1/orders?limit=200&placedAfter=" + T0.minusSeconds(1))).size() == 200
					&& orderIdsOf(get(token, "/v1/orders?limit=200&placedAfter=" + T0)).size() == 200);

		HttpResponse<String> page = get(token, "/v1/orders?limit=100000");

		assertThat(page.statusCode()).as("larger limits are capped, as documented").isEqualTo(200);
		assertThat(orderIdsOf(page)).hasSize(200);
		assertThat(json(page).has("nextCursor")).isTrue();
		assertThat(get(token, "/v1/orders?limit=0").statusCode()).isEqualTo(400);
	}

	@Test
	void aLongPollWaitsAtMost30Seconds() throws Exception {
		HttpResponse<String> response = get(TestTokens.customer(CUSTOMER_A), "/v1/orders/" + this.orderOfA, "Prefer",
				"wait=3600");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Preference-Applied")).hasValue("wait=30");
	}

	@Test
	void aClientBeyondItsOpenLongPollsGetsTooManyRequests() throws Exception {
		String client = TestTokens.service("poller-" + UUID.randomUUID(), "orders:read");
		List<CompletableFuture<HttpResponse<String>>> open = List.of(
				getAsync(client, "/v1/orders/o-never-" + UUID.randomUUID(), "Prefer", "wait=4"),
				getAsync(client, "/v1/orders/o-never-" + UUID.randomUUID(), "Prefer", "wait=4"));

		HttpResponse<String> refused = await().atMost(TIMEOUT)
			.until(() -> get(client, "/v1/orders/o-never-" + UUID.randomUUID(), "Prefer", "wait=1"),
					(response) -> response.statusCode() == 429);

		assertThat(json(refused).get("type").asString()).isEqualTo(PROBLEMS + "too-many-requests");
		assertThat(refused.headers().firstValueAsLong("Retry-After").orElse(0)).isBetween(1L, 30L);
		assertThat(get(TestTokens.service("another-poller", "orders:read"), "/v1/orders/" + this.orderOfA, "Prefer",
				"wait=1")
			.statusCode()).as("other clients keep their own slots").isEqualTo(200);
		assertThat(get(client, "/v1/orders/" + this.orderOfA).statusCode()).as("reads without a wait are not capped")
			.isEqualTo(200);
		for (CompletableFuture<HttpResponse<String>> poll : open) {
			assertThat(poll.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).statusCode()).isEqualTo(404);
		}
		await().atMost(TIMEOUT).until(() -> this.longPolls.clients() == 0);
		assertThat(get(client, "/v1/orders/" + this.orderOfA, "Prefer", "wait=1").statusCode())
			.as("slots are freed when polls end")
			.isEqualTo(200);
	}

	@Test
	void actuatorHealthAndPrometheusNeedNoToken() throws Exception {
		assertThat(get("", "/actuator/health").statusCode()).isEqualTo(200);
		assertThat(get("", "/actuator/prometheus", "Accept", "text/plain").statusCode()).isEqualTo(200);
	}

	@Test
	void answersWithSecurityHeaders() throws Exception {
		HttpResponse<String> response = get(TestTokens.portal(), "/v1/orders/" + this.orderOfA);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
		assertThat(response.headers().firstValue("Content-Security-Policy")).hasValue("frame-ancestors 'none'");
		assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
	}

	@Test
	void refusesCrossOriginCallsFromUnconfiguredOrigins() throws Exception {
		HttpResponse<String> preflight = send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/v1/orders/" + this.orderOfA))
					.header("Origin", "https://evil.example")
					.header("Access-Control-Request-Method", "GET")
					.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
					.build());

		assertThat(preflight.statusCode()).isEqualTo(403);
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
	}

	private static void assertNotFoundAlike(HttpResponse<String> foreign, String foreignId,
			HttpResponse<String> missing, String missingId) {
		assertThat(foreign.statusCode()).isEqualTo(missing.statusCode()).isEqualTo(404);
		assertThat(foreign.headers().firstValue("Content-Type"))
			.isEqualTo(missing.headers().firstValue("Content-Type"));
		assertThat(foreign.body().replace(foreignId, "ID")).isEqualTo(missing.body().replace(missingId, "ID"));
		assertThat(JSON.readTree(foreign.body()).get("type").asString()).isEqualTo(PROBLEMS + "order-not-found");
	}

	private static List<String> orderIdsOf(HttpResponse<String> page) {
		List<String> ids = new ArrayList<>();
		json(page).get("items").forEach((order) -> ids.add(order.get("orderId").asString()));
		return ids;
	}

	private static List<String> customersOf(HttpResponse<String> page) {
		List<String> customers = new ArrayList<>();
		json(page).get("items").forEach((order) -> customers.add(order.get("customerId").asString()));
		return customers.stream().distinct().toList();
	}

	private static JsonNode json(HttpResponse<String> response) {
		return JSON.readTree(response.body());
	}

	private HttpResponse<String> get(String token, String path, String... headers) throws Exception {
		return send(request(token, path, headers).GET().build());
	}

	private HttpResponse<String> post(String token, String path) throws Exception {
		return send(request(token, path).POST(HttpRequest.BodyPublishers.noBody()).build());
	}

	private CompletableFuture<HttpResponse<String>> getAsync(String token, String path, String... headers) {
		return this.http.sendAsync(request(token, path, headers).GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> send(HttpRequest request) throws Exception {
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private HttpRequest.Builder request(String token, String path, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(TIMEOUT);
		if (!List.of(headers).contains("Accept")) {
			request.header("Accept", "application/json, application/problem+json");
		}
		if (!token.isEmpty()) {
			request.header("Authorization", "Bearer " + token);
		}
		if (headers.length > 0) {
			request.headers(headers);
		}
		return request;
	}

}
