package dev.dbaas.pipeline.status.query.web;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import dev.dbaas.pipeline.contract.kafka.PipelineTopics;
import dev.dbaas.pipeline.security.test.TestTokens;
import dev.dbaas.pipeline.status.WireEvents;
import dev.dbaas.pipeline.status.order.OrderStatus;
import dev.dbaas.pipeline.testkit.RealInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
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
 * The HTTP API over a view fed through real Kafka and PostgreSQL, read with a service
 * token that reads every customer's orders and the summary
 * ({@code ApiSecurityIntegrationTest} covers who may read what).
 */
@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "status.long-poll.poll-interval=1h")
class OrderApiIntegrationTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String TOKEN = TestTokens.service("status-api-tests", "orders:read", "orders:ops");

	private static WireEvents wire;

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	PipelineTopics topics;

	@Value("${spring.kafka.bootstrap-servers}")
	String bootstrapServers;

	@AfterAll
	static void closeProducer() {
		if (wire != null) {
			wire.close();
		}
	}

	@Test
	void anUnknownOrderIsANotFoundProblem() throws Exception {
		HttpResponse<String> response = get("/v1/orders/o-unknown");

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		JsonNode problem = JSON.readTree(response.body());
		assertThat(problem.get("type").asString()).isEqualTo("https://dbaas.example/problems/order-not-found");
		assertThat(problem.get("status").asInt()).isEqualTo(404);
		assertThat(problem.get("orderId").asString()).isEqualTo("o-unknown");
		assertThat(JSON.readTree(get("/v1/orders/o-unknown/history").body()).get("type").asString())
			.endsWith("/order-not-found");
	}

	@Test
	void malformedParametersAreABadRequestProblemListingEachOne() throws Exception {
		HttpResponse<String> response = get("/v1/orders?status=done&limit=zero&placedAfter=yesterday&cursor=x");

		assertThat(response.statusCode()).isEqualTo(400);
		JsonNode problem = JSON.readTree(response.body());
		assertThat(problem.get("type").asString()).isEqualTo("https://dbaas.example/problems/invalid-parameter");
		List<String> parameters = new ArrayList<>();
		problem.get("errors").forEach((error) -> parameters.add(error.get("parameter").asString()));
		assertThat(parameters).containsExactly("status", "placedAfter", "limit", "cursor");

		HttpResponse<String> tooLong = get("/v1/orders/" + "x".repeat(101));
		assertThat(tooLong.statusCode()).isEqualTo(400);
		HttpResponse<String> noSuchPath = get("/v1/nothing-here");
		assertThat(noSuchPath.statusCode()).isEqualTo(404);
		assertThat(JSON.readTree(noSuchPath.body()).get("type").asString())
			.isEqualTo("https://dbaas.example/problems/not-found");
	}

	@Test
	void aLongPollWaitsForAnOrderToAppear() throws Exception {
		String id = UUID.randomUUID().toString();
		CompletableFuture<HttpResponse<String>> poll = getAsync("/v1/orders/" + id, "Prefer", "wait=20");

		wire().publish(anOrderPlaced(id).by("c-poll").build());

		HttpResponse<String> response = poll.get(TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Preference-Applied")).contains("wait=20");
		assertThat(response.headers().firstValue("ETag")).isPresent();
		JsonNode order = JSON.readTree(response.body());
		assertThat(order.get("orderId").asString()).isEqualTo(id);
		assertThat(order.get("status").asString()).isEqualTo("NEW");
		assertThat(order.get("trustedSources").get(0).asString()).isEqualTo("123.123.123.123/32");
	}

	@Test
	void aLongPollForAnOrderThatNeverAppearsEndsInANotFoundProblemAfterTheWait() throws Exception {
		long started = System.nanoTime();
		HttpResponse<String> response = get("/v1/orders/o-never-" + UUID.randomUUID(), "Prefer", "wait=1");

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("Preference-Applied")).contains("wait=1");
	}

	@Test
	void theRebuildEndpointIsOffUnlessAnOperatorTurnsItOn() throws Exception {
		HttpResponse<String> response = this.http
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/rebuild"))
				.header("Authorization", "Bearer " + TOKEN)
				.POST(HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isBetween(400, 499);
	}

	@Test
	void aLongPollWithIfNoneMatchWaitsForTheOrderToChange() throws Exception {
		String id = UUID.randomUUID().toString();
		wire().publish(anOrderPlaced(id).build());
		HttpResponse<String> placed = await().atMost(TIMEOUT)
			.until(() -> get("/v1/orders/" + id), (response) -> response.statusCode() == 200);
		String etag = placed.headers().firstValue("ETag").orElseThrow();

		HttpResponse<String> unchanged = get("/v1/orders/" + id, "If-None-Match", etag, "Prefer", "wait=1");
		assertThat(unchanged.statusCode()).isEqualTo(304);
		assertThat(unchanged.headers().firstValue("Preference-Applied")).contains("wait=1");

		CompletableFuture<HttpResponse<String>> poll = getAsync("/v1/orders/" + id, "If-None-Match", etag, "Prefer",
				"wait=20");
		wire().publish(aStatusChange(id, OrderStatus.PROCESSING, 1).step("CREATE_INSTANCE").build());

		HttpResponse<String> changed = poll.get(TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
		assertThat(changed.statusCode()).isEqualTo(200);
		assertThat(changed.headers().firstValue("ETag")).isPresent().isNotEqualTo(java.util.Optional.of(etag));
		assertThat(JSON.readTree(changed.body()).get("status").asString()).isEqualTo("PROCESSING");
		assertThat(get("/v1/orders/" + id, "If-None-Match", changed.headers().firstValue("ETag").orElseThrow())
			.statusCode()).isEqualTo(304);
	}

	@Test
	void pagesThroughACustomersOrdersNewestFirst() throws Exception {
		String customer = "c-" + UUID.randomUUID();
		List<String> newestFirst = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			String id = UUID.randomUUID().toString();
			newestFirst.add(0, id);
			wire().publish(anOrderPlaced(id).by(customer)
				.at(T0.plusSeconds(i))
				.in((i % 2 == 0) ? "DE-WEST-1" : "FR-1")
				.build());
		}
		await().atMost(TIMEOUT)
			.until(() -> JSON.readTree(get("/v1/orders?customerId=" + customer).body()).get("items").size() == 7);

		List<String> seen = new ArrayList<>();
		String cursor = null;
		int pages = 0;
		do {
			JsonNode page = JSON.readTree(get("/v1/orders?limit=3&customerId=" + customer
					+ ((cursor != null) ? "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8) : ""))
				.body());
			page.get("items").forEach((order) -> seen.add(order.get("orderId").asString()));
			cursor = page.has("nextCursor") ? page.get("nextCursor").asString() : null;
			pages++;
		}
		while (cursor != null);

		assertThat(pages).isEqualTo(3);
		assertThat(seen).containsExactlyElementsOf(newestFirst);
		assertThat(JSON.readTree(get("/v1/orders?region=FR-1&customerId=" + customer).body()).get("items").size())
			.isEqualTo(3);
		assertThat(JSON.readTree(get("/v1/orders?customerId=" + customer + "&placedAfter=" + T0.plusSeconds(4)).body())
			.get("items")
			.size()).isEqualTo(2);
	}

	@Test
	void servesHistorySummaryOpenApiAndMetrics() throws Exception {
		String id = UUID.randomUUID().toString();
		wire().publish(anOrderPlaced(id).build(),
				aStatusChange(id, OrderStatus.PROCESSING, 1).step("CREATE_INSTANCE").build(),
				aStatusChange(id, OrderStatus.FAILED, 2).failure("REGION_CAPACITY_EXHAUSTED", "Full").build());
		await().atMost(TIMEOUT)
			.until(() -> JSON.readTree(get("/v1/orders/" + id + "/history").body()).path("items").size() == 3);

		JsonNode history = JSON.readTree(get("/v1/orders/" + id + "/history").body()).get("items");
		assertThat(history.get(0).get("status").asString()).isEqualTo("NEW");
		assertThat(history.get(1).get("step").asString()).isEqualTo("CREATE_INSTANCE");
		assertThat(history.get(2).get("failure").get("code").asString()).isEqualTo("REGION_CAPACITY_EXHAUSTED");

		JsonNode summary = JSON.readTree(get("/v1/orders/summary").body());
		assertThat(summary.get("byStatus").get("FAILED").asLong()).isPositive();
		assertThat(summary.get("byRegion").get("DE-WEST-1")).isNotNull();
		assertThat(summary.get("failedByCode").get("REGION_CAPACITY_EXHAUSTED").asLong()).isPositive();

		HttpResponse<String> openApi = get("/v3/api-docs");
		assertThat(openApi.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(openApi.body()).get("paths").has("/v1/orders/{orderId}")).isTrue();

		HttpResponse<String> metrics = get("/actuator/prometheus", "Accept", "text/plain");
		assertThat(metrics.statusCode()).isEqualTo(200);
		assertThat(metrics.body()).contains("status_orders{", "status_orders_oldest_processing_age_seconds",
				"status_projection_lag_seconds_bucket", "pipeline_dead_letter_records_total{");
	}

	private WireEvents wire() {
		if (wire == null) {
			wire = new WireEvents(this.bootstrapServers, this.topics);
		}
		return wire;
	}

	private HttpResponse<String> get(String path, String... headers) throws Exception {
		return this.http.send(request(path, headers), HttpResponse.BodyHandlers.ofString());
	}

	private CompletableFuture<HttpResponse<String>> getAsync(String path, String... headers) {
		return this.http.sendAsync(request(path, headers), HttpResponse.BodyHandlers.ofString());
	}

	private HttpRequest request(String path, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Authorization", "Bearer " + TOKEN)
			.timeout(TIMEOUT);
		if (!List.of(headers).contains("Accept")) {
			request.header("Accept", "application/json, application/problem+json");
		}
		if (headers.length > 0) {
			request.headers(headers);
		}
		return request.GET().build();
	}

}
