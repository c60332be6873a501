package dev.dbaas.pipeline.intake;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import javax.sql.DataSource;

import dev.dbaas.pipeline.contract.instance.InstanceIdRule;
import dev.dbaas.pipeline.events.ExistingInvoiceProfile;
import dev.dbaas.pipeline.events.OrderPlaced;
import dev.dbaas.pipeline.intake.support.Http;
import dev.dbaas.pipeline.intake.support.OrderPlacedTopic;
import dev.dbaas.pipeline.localinfra.sample.ValidOrder;
import dev.dbaas.pipeline.testkit.RealInfrastructure;
import dev.dbaas.pipeline.testkit.fixtures.Orders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static dev.dbaas.pipeline.intake.support.Http.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service on real PostgreSQL and Kafka, over real HTTP.
 */
@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrderIntakeIntegrationTest {

	private static final String PROBLEMS = "https://dbaas.example/problems/";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	@Value("${spring.kafka.bootstrap-servers}")
	String bootstrapServers;

	@Value("${pipeline.topics.order-placed}")
	String orderPlacedTopic;

	Http http;

	OrderPlacedTopic topic;

	@BeforeAll
	void connect() {
		this.http = new Http(this.port);
		this.topic = new OrderPlacedTopic(this.bootstrapServers, this.orderPlacedTopic);
	}

	@AfterAll
	void disconnect() {
		this.topic.close();
	}

	@Test
	void acceptedOrderBecomesARowAndAnEventOnTheTopic() {
		String body = Orders.aValidOrder()
			.withCustomerId("c-row-and-event")
			.with("trustedSources", List.of("123.123.123.123", "222.222.222.128/28"))
			.without("databaseVersion")
			.toJson();

		HttpResponse<String> response = this.http.placeOrder(UUID.randomUUID().toString(), body);

		assertThat(response.statusCode()).isEqualTo(202);
		JsonNode accepted = json(response);
		String orderId = accepted.get("orderId").stringValue();
		assertThat(accepted.get("status").stringValue()).isEqualTo("NEW");
		assertThat(accepted.get("statusUrl").stringValue()).isEqualTo("http://localhost:8083/v1/orders/" + orderId);
		assertThat(response.headers().firstValue("Location")).hasValue("http://localhost:8083/v1/orders/" + orderId);
		assertThat(accepted.get("placedAt").stringValue()).isNotBlank();
		String instanceId = accepted.get("instanceId").stringValue();
		assertThat(InstanceIdRule.problemWith(instanceId)).isEmpty();
		assertThat(accepted.get("instanceUrl").stringValue())
			.isEqualTo("http://localhost:8083/v1/instances/" + instanceId);

		Map<String, Object> row = this.jdbc
			.sql("SELECT customer_id, database_version, array_to_string(trusted_sources, ',') AS sources, status, "
					+ "instance_id " + "FROM orders WHERE id = CAST(:id AS uuid)")
			.param("id", orderId)
			.query()
			.singleRow();
		assertThat(row).containsEntry("customer_id", "c-row-and-event")
			.containsEntry("database_version", "10.11")
			.containsEntry("sources", "123.123.123.123/32,222.222.222.128/28")
			.containsEntry("status", "NEW")
			.containsEntry("instance_id", instanceId);

		List<ConsumerRecord<String, OrderPlaced>> records = await().atMost(Duration.ofSeconds(30))
			.until(() -> this.topic.recordsFor(orderId), (found) -> !found.isEmpty());
		OrderPlaced event = records.get(0).value();
		assertThat(event.getOrderId()).isEqualTo(orderId);
		assertThat(event.getInstanceId()).isEqualTo(instanceId);
		assertThat(event.getCustomerId()).isEqualTo("c-row-and-event");
		assertThat(event.getDatabaseVersion()).isEqualTo("10.11");
		assertThat(event.getTrustedSources()).containsExactly("123.123.123.123/32", "222.222.222.128/28");
		assertThat(event.getInvoiceProfile()).isInstanceOf(ExistingInvoiceProfile.class);
		assertThat(event.getAcceptedDocuments()).hasSize(3);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.jdbc.sql("SELECT count(*) FROM outbox WHERE published_at IS NULL")
				.query(Long.class)
				.single() == 0);
	}

	@Test
	void replaysResponseForSameIdempotencyKey() {
		String key = UUID.randomUUID().toString();
		String body = Orders.aValidOrder().withCustomerId("c-replay").toJson();
		HttpResponse<String> first = this.http.placeOrder(key, body);
		String reordered = Orders.aValidOrder()
			.withCustomerId("c-replay")
			.without("region")
			.with("region", "DE-WEST-1")
			.toJson();

		HttpResponse<String> retry = this.http.placeOrder(key, reordered);

		assertThat(first.statusCode()).isEqualTo(202);
		assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
		assertThat(retry.statusCode()).isEqualTo(202);
		assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
		assertThat(json(retry)).isEqualTo(json(first));
		assertThat(ordersOf("c-replay")).isEqualTo(1);
	}

	@Test
	void rejectsSameIdempotencyKeyWithADifferentBody() {
		String key = UUID.randomUUID().toString();
		this.http.placeOrder(key, Orders.aValidOrder().withCustomerId("c-mismatch").toJson());

		HttpResponse<String> other = this.http.placeOrder(key,
				Orders.aValidOrder().withCustomerId("c-mismatch").with("storageGb", 100).toJson());

		assertThat(other.statusCode()).isEqualTo(422);
		assertThat(other.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(json(other).get("type").stringValue()).isEqualTo(PROBLEMS + "idempotency-key-reused");
		assertThat(ordersOf("c-mismatch")).isEqualTo(1);
	}

	@Test
	void scopesIdempotencyKeysToTheCustomer() {
		String key = UUID.randomUUID().toString();

		HttpResponse<String> first = this.http.placeOrder(key, Orders.aValidOrder().withCustomerId("c-a").toJson());
		HttpResponse<String> second = this.http.placeOrder(key, Orders.aValidOrder().withCustomerId("c-b").toJson());

		assertThat(first.statusCode()).isEqualTo(202);
		assertThat(second.statusCode()).isEqualTo(202);
		assertThat(second.headers().firstValue("Idempotent-Replayed")).isEmpty();
		assertThat(json(second).get("orderId")).isNotEqualTo(json(first).get("orderId"));
	}

	@Test
	void answersConflictWhileARequestWithTheSameKeyIsInProgress() throws Exception {
		String key = UUID.randomUUID().toString();
		try (Connection inFlight = this.dataSource.getConnection()) {
			inFlight.setAutoCommit(false);
			try (PreparedStatement lock = inFlight.prepareStatement(
					"SELECT pg_advisory_xact_lock(hashtextextended(? || chr(1) || ? || chr(1) || ?, " + "20251125))")) {
				lock.setString(1, "portal");
				lock.setString(2, "c-in-progress");
				lock.setString(3, key);
				lock.execute();
			}

			HttpResponse<String> concurrent = this.http.placeOrder(key,
					Orders.aValidOrder().withCustomerId("c-in-progress").toJson());

			assertThat(concurrent.statusCode()).isEqualTo(409);
			assertThat(concurrent.headers().firstValue("Retry-After")).hasValue("1");
			assertThat(json(concurrent).get("type").stringValue()).isEqualTo(PROBLEMS + "idempotency-key-in-use");
			inFlight.rollback();
		}
		assertThat(
				this.http.placeOrder(key, Orders.aValidOrder().withCustomerId("c-in-progress").toJson()).statusCode())
			.isEqualTo(202);
	}

	@Test
	void concurrentDuplicatesCreateOneOrder() {
		String key = UUID.randomUUID().toString();
		String body = Orders.aValidOrder().withCustomerId("c-concurrent").toJson();
		List<CompletableFuture<HttpResponse<String>>> requests = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			requests.add(this.http.placeOrderAsync(key, body));
		}

		List<HttpResponse<String>> responses = requests.stream().map(CompletableFuture::join).toList();

		assertThat(responses).extracting(HttpResponse::statusCode).allMatch((status) -> status == 202 || status == 409);
		List<HttpResponse<String>> accepted = responses.stream().filter((r) -> r.statusCode() == 202).toList();
		assertThat(accepted).isNotEmpty();
		assertThat(accepted.stream().map((r) -> json(r).get("orderId").stringValue()).distinct()).hasSize(1);
		assertThat(accepted.stream().filter((r) -> r.headers().firstValue("Idempotent-Replayed").isEmpty())).hasSize(1);
		assertThat(ordersOf("c-concurrent")).isEqualTo(1);
	}

	@Test
	void reportsEveryBrokenRuleAtOnceWith422() {
		String body = Orders.aValidOrder()
			.with("storageGb", 55)
			.with("region", "MARS-1")
			.with("trustedSources", List.of("123.123.123.123/32", "222.222.222.130/28", "10.0.0.1"))
			.toJson();

		HttpResponse<String> response = this.http.placeOrder(UUID.randomUUID().toString(), body);

		assertThat(response.statusCode()).isEqualTo(422);
		JsonNode problem = json(response);
		assertThat(problem.get("type").stringValue()).isEqualTo(PROBLEMS + "invalid-order");
		assertThat(problem.get("errors").valueStream().map((error) -> error.get("pointer").stringValue()))
			.containsExactly("/storageGb", "/trustedSources/1", "/trustedSources/2", "/region");
		assertThat(problem.get("errors").get(1).get("detail").stringValue())
			.contains("did you mean 222.222.222.128/28?");
	}

	static Stream<Arguments> malformedRequests() {
		return Stream.of(Arguments.of("not JSON", "{\"customerId\": ", "malformed-request"),
				Arguments.of("a JSON array", "[]", "malformed-request"),
				Arguments.of("mass assignment of status", Orders.aValidOrder().with("status", "DONE").toJson(),
						"malformed-request"),
				Arguments.of("mass assignment of orderId",
						Orders.aValidOrder().with("orderId", UUID.randomUUID().toString()).toJson(),
						"malformed-request"),
				Arguments.of("storage as a string", Orders.aValidOrder().with("storageGb", "a string").toJson(),
						"malformed-request"),
				Arguments.of("duplicate keys", "{\"customerId\": \"a\", \"customerId\": \"b\"}", "malformed-request"),
				Arguments.of("nesting 10,000 deep", "[".repeat(10_000) + "]".repeat(10_000), "malformed-request"),
				Arguments.of("a huge number",
						Orders.aValidOrder().toJson().replace("\"storageGb\":50", "\"storageGb\":1" + "0".repeat(5000)),
						"malformed-request"),
				Arguments.of("trailing garbage", Orders.aValidOrder().toJson() + "{}", "malformed-request"),
				Arguments.of("an empty body", "", "malformed-request"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("malformedRequests")
	void rejectsMalformedRequestsWith400(String description, String body, String type) {
		HttpResponse<String> response = this.http.placeOrder(UUID.randomUUID().toString(), body);

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(json(response).get("type").stringValue()).isEqualTo(PROBLEMS + type);
	}

	@Test
	void rejectsServerAssignedFieldsWithAPointerToThem() {
		HttpResponse<String> response = this.http.placeOrder(UUID.randomUUID().toString(),
				Orders.aValidOrder().with("status", "DONE").with("storageGb", 49).toJson());

		JsonNode errors = json(response).get("errors");
		assertThat(errors.valueStream().map((error) -> error.get("pointer").stringValue())).contains("/status",
				"/storageGb");
	}

	@Test
	void listsAtMostAHundredErrorsAndCountsTheRest() {
		ValidOrder body = Orders.aValidOrder();
		for (int i = 0; i < 150; i++) {
			body.with("junk" + i, i);
		}

		JsonNode problem = json(this.http.placeOrder(UUID.randomUUID().toString(), body.toJson()));

		assertThat(problem.get("errors").size()).isEqualTo(100);
		assertThat(problem.get("errorsNotShown").intValue()).isEqualTo(50);
	}

	@Test
	void requiresAnIdempotencyKey() {
		HttpResponse<String> missing = this.http.placeOrder(null, Orders.aValidOrder().toJson());
		HttpResponse<String> invalid = this.http.placeOrder("has spaces", Orders.aValidOrder().toJson());

		assertThat(missing.statusCode()).isEqualTo(400);
		assertThat(json(missing).get("type").stringValue()).isEqualTo(PROBLEMS + "missing-idempotency-key");
		assertThat(invalid.statusCode()).isEqualTo(400);
		assertThat(json(invalid).get("type").stringValue()).isEqualTo(PROBLEMS + "invalid-idempotency-key");
	}

	@Test
	void rejectsBodiesOver64KilobytesWith413() {
		String huge = Orders.aValidOrder().with("customerId", "x".repeat(70_000)).toJson();

		HttpResponse<String> sized = this.http.placeOrder("k-413", huge);
		HttpResponse<String> chunked = this.http.placeOrder("k-413-chunked", "application/json",
				HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(huge.getBytes())));

		assertThat(sized.statusCode()).isEqualTo(413);
		assertThat(json(sized).get("type").stringValue()).isEqualTo(PROBLEMS + "payload-too-large");
		assertThat(chunked.statusCode()).isEqualTo(413);
	}

	@Test
	void acceptsAChunkedBodyUnderTheLimit() {
		String body = Orders.aValidOrder().withCustomerId("c-chunked").toJson();

		HttpResponse<String> response = this.http.placeOrder(UUID.randomUUID().toString(), "application/json",
				HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body.getBytes())));

		assertThat(response.statusCode()).isEqualTo(202);
	}

	@Test
	void rejectsOtherContentTypesWith415() {
		HttpResponse<String> response = this.http.placeOrder("k-415", "text/plain",
				HttpRequest.BodyPublishers.ofString(Orders.aValidOrder().toJson()));

		assertThat(response.statusCode()).isEqualTo(415);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(json(response).get("type").stringValue()).isEqualTo(PROBLEMS + "unsupported-media-type");
	}

	@Test
	void servesTheCatalogInTheDocumentedShape() {
		HttpResponse<String> response = this.http.get("/v1/catalog");

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode catalog = json(response);
		assertThat(catalog.propertyNames()).containsExactly("databaseTypes", "nodeSizes", "storage", "regions",
				"trustedSources", "documents");
		assertThat(catalog.get("databaseTypes").get(0).toString()).isEqualTo(
				"{\"id\":\"MARIADB\",\"name\":\"MariaDB\",\"versions\":[\"10.11\",\"11.4\"],\"defaultVersion\":\"10.11\","
						+ "\"lifecycle\":[{\"version\":\"10.6\",\"endOfLife\":\"2026-07-06\"},"
						+ "{\"version\":\"10.11\",\"endOfLife\":\"2028-02-16\"},{\"version\":\"11.4\",\"endOfLife\":\"2029-05-29\"}],"
						+ "\"backend\":\"local\"}");
		assertThat(catalog.get("nodeSizes").get(0).toString())
			.isEqualTo("{\"id\":\"b2-4\",\"series\":\"BASIC\",\"vcpu\":2,\"ramGb\":4}");
		assertThat(catalog.get("storage").toString()).isEqualTo("{\"minGb\":50,\"maxGb\":500,\"stepGb\":50}");
		assertThat(catalog.get("trustedSources").toString()).isEqualTo(
				"{\"ipVersions\":[4],\"minPrefixLength\":24,\"maxPrefixLength\":32,\"maxEntries\":50,\"allowLoopback\":false}");
		assertThat(catalog.get("documents").get(0).propertyNames()).containsExactly("id", "version", "title", "url");
	}

	@Test
	void exposesHealthMetricsAndApiDocs() {
		this.http.placeOrder(UUID.randomUUID().toString(), Orders.aValidOrder().with("storageGb", 0).toJson());

		assertThat(this.http.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
		HttpResponse<String> readiness = this.http.get("/actuator/health/readiness");
		assertThat(readiness.statusCode()).isEqualTo(200);
		String metrics = this.http.get("/actuator/prometheus").body();
		assertThat(metrics).contains("orders_accepted_total", "orders_rejected_total{reason=\"invalid_order\"}",
				"outbox_backlog", "outbox_oldest_unpublished_age_seconds", "outbox_publish_latency_seconds");
		String apiDocs = this.http.get("/v3/api-docs").body();
		assertThat(apiDocs).contains("/v1/orders", "/v1/catalog", "Idempotency-Key", "24 hours");
		assertThat(this.http.get("/swagger-ui.html").statusCode()).isIn(200, 302);
	}

	@Test
	void answersOddRequestsWithProblemsNeverWith5xx() {
		String key = UUID.randomUUID().toString();
		assertThat(this.http.placeOrder("k".repeat(256), Orders.aValidOrder().toJson()).statusCode()).isEqualTo(400);
		assertThat(
				this.http
					.placeOrder(key, "application/json; charset=ISO-8859-1",
							HttpRequest.BodyPublishers
								.ofString(Orders.aValidOrder().withCustomerId("c-charset").toJson()))
					.statusCode())
			.isEqualTo(202);
		assertThat(this.http.placeOrder(key, "application/xml", HttpRequest.BodyPublishers.ofString("<order/>"))
			.statusCode()).isEqualTo(415);
		assertThat(this.http
			.placeOrder(key, "application/json",
					HttpRequest.BodyPublishers.ofByteArray(new byte[] { (byte) 0xFF, (byte) 0xFE, 0, '{' }))
			.statusCode()).isEqualTo(400);
		HttpResponse<String> wrongMethod = this.http.get("/v1/orders");
		assertThat(wrongMethod.statusCode()).isEqualTo(405);
		assertThat(json(wrongMethod).get("type").stringValue()).isEqualTo(PROBLEMS + "method-not-allowed");
		HttpResponse<String> unknown = this.http.get("/v1/nothing-here");
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(json(unknown).get("type").stringValue()).isEqualTo(PROBLEMS + "not-found");
	}

	@Test
	void refusesClientsThatCannotReadJsonBeforeStoringAnything() {
		HttpResponse<String> xmlOnly = this.http.placeOrderAccepting("application/xml", UUID.randomUUID().toString(),
				Orders.aValidOrder().withCustomerId("c-xml-only").toJson());
		HttpResponse<String> problemReader = this.http.placeOrderAccepting("application/json, application/problem+json",
				UUID.randomUUID().toString(),
				Orders.aValidOrder().withCustomerId("c-problem").with("storageGb", 1).toJson());

		assertThat(xmlOnly.statusCode()).isEqualTo(406);
		assertThat(ordersOf("c-xml-only")).isZero();
		assertThat(problemReader.statusCode()).isEqualTo(422);
		assertThat(problemReader.headers().firstValue("Content-Type")).hasValue("application/problem+json");
	}

	private long ordersOf(String customerId) {
		return this.jdbc.sql("SELECT count(*) FROM orders WHERE customer_id = :customer")
			.param("customer", customerId)
			.query(Long.class)
			.single();
	}

}
