package dev.dbaas.pipeline.intake;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import dev.dbaas.pipeline.events.ExistingInvoiceProfile;
import dev.dbaas.pipeline.events.OrderPlaced;
import dev.dbaas.pipeline.events.OrderStatus;
import dev.dbaas.pipeline.events.OrderStatusChanged;
import dev.dbaas.pipeline.events.OrderType;
import dev.dbaas.pipeline.intake.support.Http;
import dev.dbaas.pipeline.intake.support.OrderPlacedTopic;
import dev.dbaas.pipeline.schemas.AvroEventSerializer;
import dev.dbaas.pipeline.security.test.TestTokens;
import dev.dbaas.pipeline.testkit.RealInfrastructure;
import dev.dbaas.pipeline.testkit.fixtures.Orders;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;
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
 * Change orders of instances (docs/lifecycle.md) on real PostgreSQL and Kafka, over real
 * HTTP: every refusal of the contract's table, the OrderPlaced of a change, and the
 * instances settled by terminal status records published on the status topic.
 */
@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InstanceOrdersIntegrationTest {

	private static final String PROBLEMS = "https://dbaas.example/problems/";

	private static final Duration DEADLINE = Duration.ofSeconds(30);

	private static final AtomicLong SEQUENCE = new AtomicLong();

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Value("${spring.kafka.bootstrap-servers}")
	String bootstrapServers;

	@Value("${pipeline.topics.order-placed}")
	String orderPlacedTopic;

	@Value("${pipeline.topics.order-status}")
	String orderStatusTopic;

	Http http;

	OrderPlacedTopic placed;

	KafkaProducer<String, byte[]> statuses;

	@BeforeAll
	void connect() {
		this.http = new Http(this.port);
		this.placed = new OrderPlacedTopic(this.bootstrapServers, this.orderPlacedTopic);
		this.statuses = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers,
				ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
				ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
	}

	@AfterAll
	void disconnect() {
		this.placed.close();
		this.statuses.close(Duration.ofSeconds(5));
	}

	@Test
	void acceptsAnUpdateAndPublishesItWithTheCompleteDesiredSettings() {
		Instance instance = running("c-update");

		HttpResponse<String> response = instance.http()
			.placeInstanceOrder(instance.id(), key(), null,
					"{\"type\": \"UPDATE\", \"storageGb\": 100, \"nodeSize\": \"b4-8\", "
							+ "\"trustedSources\": [\"123.123.123.4\"], \"deletionProtection\": true}");

		assertThat(response.statusCode()).isEqualTo(202);
		JsonNode accepted = json(response);
		String orderId = accepted.get("orderId").stringValue();
		assertThat(accepted.propertyNames()).containsExactly("orderId", "instanceId", "type", "status", "statusUrl",
				"instanceUrl");
		assertThat(accepted.get("instanceId").stringValue()).isEqualTo(instance.id());
		assertThat(accepted.get("type").stringValue()).isEqualTo("UPDATE");
		assertThat(accepted.get("status").stringValue()).isEqualTo("NEW");
		assertThat(accepted.get("statusUrl").stringValue()).isEqualTo("http://localhost:8083/v1/orders/" + orderId);
		assertThat(accepted.get("instanceUrl").stringValue())
			.isEqualTo("http://localhost:8083/v1/instances/" + instance.id());
		assertThat(response.headers().firstValue("Location")).hasValue("http://localhost:8083/v1/orders/" + orderId);
		assertThat(response.headers().firstValue("ETag")).hasValue("\"2\"");

		OrderPlaced event = await().atMost(DEADLINE)
			.until(() -> this.placed.recordsFor(orderId), (found) -> !found.isEmpty())
			.get(0)
			.value();
		assertThat(event.getType()).isEqualTo(OrderType.UPDATE);
		assertThat(event.getInstanceVersion()).isEqualTo(2L);
		assertThat(event.getInstanceId()).isEqualTo(instance.id());
		assertThat(event.getCustomerId()).isEqualTo("c-update");
		assertThat(event.getNodeSize()).isEqualTo("b4-8");
		assertThat(event.getStorageGb()).isEqualTo(100);
		assertThat(event.getTrustedSources()).containsExactly("123.123.123.4/32");
		assertThat(event.getDeletionProtection()).isTrue();
		assertThat(event.getDatabaseType().name()).isEqualTo("MARIADB");
		assertThat(event.getDatabaseVersion()).isEqualTo("10.11");
		assertThat(event.getRegion()).isEqualTo("DE-WEST-1");
		assertThat(event.getInvoiceProfile()).isEqualTo(new ExistingInvoiceProfile("inv-7781"));
		assertThat(event.getAcceptedDocuments()).hasSize(3);
		assertThat(event.getChanges().getStorageGb()).isEqualTo(100);
		assertThat(event.getChanges().getNodeSize()).isEqualTo("b4-8");
		assertThat(event.getChanges().getTrustedSources()).containsExactly("123.123.123.4/32");
		assertThat(event.getChanges().getDeletionProtection()).isTrue();
		assertThat(event.getRequestedBy()).isEqualTo("c-update");

		OrderPlaced create = this.placed.recordsFor(instance.createId()).get(0).value();
		assertThat(create.getType()).isEqualTo(OrderType.CREATE);
		assertThat(create.getInstanceVersion()).isEqualTo(1L);
		assertThat(create.getRequestedBy()).isEqualTo("c-update");
		assertThat(create.getChanges()).isNull();
	}

	@Test
	void putsOnlyWhatDiffersIntoTheChanges() {
		Instance instance = running("c-partial");

		HttpResponse<String> response = instance.http()
			.placeInstanceOrder(instance.id(), key(), null,
					"{\"type\": \"UPDATE\", \"storageGb\": 50, \"nodeSize\": \"b4-8\"}");

		assertThat(response.statusCode()).isEqualTo(202);
		OrderPlaced event = await().atMost(DEADLINE)
			.until(() -> this.placed.recordsFor(json(response).get("orderId").stringValue()),
					(found) -> !found.isEmpty())
			.get(0)
			.value();
		assertThat(event.getChanges().getNodeSize()).isEqualTo("b4-8");
		assertThat(event.getChanges().getStorageGb()).isNull();
		assertThat(event.getStorageGb()).isEqualTo(50);
		assertThat(event.getDeletionProtection()).isFalse();
	}

	static Stream<Arguments> malformedBodies() {
		return Stream.of(Arguments.of("not JSON", "{\"type\": ", List.of()),
				Arguments.of("an unknown field", "{\"type\": \"UPDATE\", \"storageGb\": 100, \"colour\": \"red\"}",
						List.of("/colour")),
				Arguments.of("a server-assigned field", "{\"type\": \"UPDATE\", \"storageGb\": 100, \"version\": 3}",
						List.of("/version")),
				Arguments.of("no type", "{\"storageGb\": 100}", List.of("/type")),
				Arguments.of("type CREATE", "{\"type\": \"CREATE\", \"storageGb\": 100}", List.of("/type")),
				Arguments.of("type as a number", "{\"type\": 1}", List.of("/type")),
				Arguments.of("a DELETE with UPDATE fields",
						"{\"type\": \"DELETE\", \"confirm\": \"x\", \"storageGb\": 100, \"nodeSize\": \"b4-8\"}",
						List.of("/storageGb", "/nodeSize")),
				Arguments.of("an UPDATE with confirm", "{\"type\": \"UPDATE\", \"storageGb\": 100, \"confirm\": \"x\"}",
						List.of("/confirm")),
				Arguments.of("wrong types at once",
						"{\"type\": \"UPDATE\", \"storageGb\": \"100\", \"deletionProtection\": \"yes\", "
								+ "\"trustedSources\": [1]}",
						List.of("/storageGb", "/trustedSources/0", "/deletionProtection")));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("malformedBodies")
	void refusesMalformedBodiesWith400NamingEveryProblem(String description, String body, List<String> pointers) {
		Instance instance = running("c-malformed");

		HttpResponse<String> response = instance.http().placeInstanceOrder(instance.id(), key(), null, body);

		assertThat(response.statusCode()).isEqualTo(400);
		JsonNode problem = json(response);
		assertThat(problem.get("type").stringValue()).isEqualTo(PROBLEMS + "malformed-request");
		if (!pointers.isEmpty()) {
			assertThat(problem.get("errors").valueStream().map((error) -> error.get("pointer").stringValue()))
				.containsExactlyInAnyOrderElementsOf(pointers);
		}
	}

	@Test
	void requiresAValidIdempotencyKey() {
		Instance instance = running("c-keys");

		HttpResponse<String> missing = instance.http()
			.placeInstanceOrder(instance.id(), null, null, "{\"type\": \"UPDATE\", \"storageGb\": 100}");
		HttpResponse<String> invalid = instance.http()
			.placeInstanceOrder(instance.id(), "has spaces", null, "{\"type\": \"UPDATE\", \"storageGb\": 100}");

		assertThat(missing.statusCode()).isEqualTo(400);
		assertThat(json(missing).get("type").stringValue()).isEqualTo(PROBLEMS + "missing-idempotency-key");
		assertThat(invalid.statusCode()).isEqualTo(400);
		assertThat(json(invalid).get("type").stringValue()).isEqualTo(PROBLEMS + "invalid-idempotency-key");
	}

	@Test
	void answersAnotherCustomersInstanceExactlyLikeAnUnknownOne() {
		Instance instance = running("c-owner");
		Http stranger = this.http.withToken(TestTokens.customer("c-stranger"));
		String body = "{\"type\": \"UPDATE\", \"storageGb\": 100}";

		HttpResponse<String> foreign = stranger.placeInstanceOrder(instance.id(), key(), null, body);
		HttpResponse<String> unknown = stranger.placeInstanceOrder("db-0123456789abcdef", key(), null, body);
		HttpResponse<String> malformedId = stranger.placeInstanceOrder("not-an-id", key(), null, body);
		HttpResponse<String> portalForStranger = this.http.placeInstanceOrder(instance.id(), key(), null,
				"{\"type\": \"UPDATE\", \"storageGb\": 100, \"customerId\": \"c-stranger\"}");

		for (HttpResponse<String> response : List.of(foreign, unknown, malformedId, portalForStranger)) {
			assertThat(response.statusCode()).isEqualTo(404);
			assertThat(json(response).get("type").stringValue()).isEqualTo(PROBLEMS + "instance-not-found");
		}
		assertThat(json(foreign).get("detail").stringValue().replace(instance.id(), "ID"))
			.isEqualTo(json(unknown).get("detail").stringValue().replace("db-0123456789abcdef", "ID"));
		assertThat(pendingOf(instance.id())).isNull();
	}

	@Test
	void letsTheServiceTokenActForTheCustomerItNames() {
		Instance instance = running("c-portal");

		HttpResponse<String> without = this.http.placeInstanceOrder(instance.id(), key(), null,
				"{\"type\": \"UPDATE\", \"storageGb\": 100}");
		HttpResponse<String> named = this.http.placeInstanceOrder(instance.id(), key(), null,
				"{\"type\": \"UPDATE\", \"storageGb\": 100, \"customerId\": \"c-portal\"}");

		assertThat(without.statusCode()).isEqualTo(422);
		assertThat(json(without).get("errors").get(0).get("code").stringValue()).isEqualTo("customer-missing");
		assertThat(named.statusCode()).isEqualTo(202);
	}

	@Test
	void refusesAnOrderWhileAnotherIsPendingNamingIt() {
		Instance instance = created("c-busy");

		HttpResponse<String> response = instance.http()
			.placeInstanceOrder(instance.id(), key(), null, "{\"type\": \"UPDATE\", \"storageGb\": 100}");

		assertThat(response.statusCode()).isEqualTo(409);
		JsonNode problem = json(response);
		assertThat(problem.get("type").stringValue()).isEqualTo(PROBLEMS + "instance-busy");
		assertThat(problem.get("blockingOrderId").stringValue()).isEqualTo(instance.createId());
		assertThat(problem.get("blockingOrderType").stringValue()).isEqualTo("CREATE");
		assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
	}

	@Test
	void refusesOrdersOfAFailedInstance() {
		Instance instance = created("c-failed");
		publish(instance.createId(), OrderStatus.FAILED, null);
		await().atMost(DEADLINE).until(() -> "FAILED".equals(stateOf(instance.id())));

		HttpResponse<String> update = instance.http()
			.placeInstanceOrder(instance.id(), key(), null, "{\"type\": \"UPDATE\", \"storageGb\": 100}");
		HttpResponse<String> delete = instance.http()
			.placeInstanceOrder(instance.id(), key(), null,
					"{\"type\": \"DELETE\", \"confirm\": \"" + instance.id() + "\"}");

		for (HttpResponse<String> response : List.of(update, delete)) {
			assertThat(response.statusCode()).isEqualTo(409);
			assertThat(json(response).get("type").stringValue()).isEqualTo(PROBLEMS + "instance-not-changeable");
			assertThat(json(response).get("instanceState").stringValue()).isEqualTo("FAILED");
		}
	}

	@Test
	void refusesADeleteWhileDeletionProtectionIsOn() {
		Instance instance = running("c-protected");
		String update = json(instance.http()
			.placeInstanceOrder(instance.id(), key(), null, "{\"type\": \"UPDATE\", \"deletionProtection\": true}"))
			.get("orderId")
			.stringValue();
		settle(instance.id(), update, OrderStatus.DONE, null);

		HttpResponse<String> delete = instance.http()
			.placeInstanceOrder(instance.id(), key(), null,
					"{\"type\": \"DELETE\", \"confirm\": \"" + instance.id() + "\"}");

		assertThat(delete.statusCode()).isEqualTo(409);
		assertThat(json(delete).get("type").stringValue()).isEqualTo(PROBLEMS + "deletion-protected");
	}

	@Test
	void refusesADeleteWithTheWrongConfirmation() {
		Instance instance = running("c-confirm");

		HttpResponse<String> wrong = instance.http()
			.placeInstanceOrder(instance.id(), key(), null, "{\"type\": \"DELETE\", \"confirm\": \"db-other\"}");
		HttpResponse<String> missing = instance.http()
			.placeInstanceOrder(instance.id(), key(), null, "{\"type\": \"DELETE\"}");

		for (HttpResponse<String> response : List.of(wrong, missing)) {
			assertThat(response.statusCode()).isEqualTo(422);
			JsonNode error = json(response).get("errors").get(0);
			assertThat(json(response).get("type").stringValue()).isEqualTo(PROBLEMS + "invalid-order");
			assertThat(error.get("pointer").stringValue()).isEqualTo("/confirm");
			assertThat(error.get("code").stringValue()).isEqualTo("confirm-mismatch");
		}
		assertThat(pendingOf(instance.id())).isNull();
	}

	static Stream<Arguments> invalidUpdates() {
		return Stream.of(
				Arguments.of("{\"type\": \"UPDATE\", \"storageGb\": 0}", "/storageGb", "storage-below-minimum"),
				Arguments.of("{\"type\": \"UPDATE\", \"storageGb\": 75}", "/storageGb", "storage-off-step"),
				Arguments.of("{\"type\": \"UPDATE\", \"storageGb\": 550}", "/storageGb", "storage-above-maximum"),
				Arguments.of("{\"type\": \"UPDATE\", \"nodeSize\": \"b3-5\"}", "/nodeSize", "unknown-node-size"),
				Arguments.of("{\"type\": \"UPDATE\", \"trustedSources\": [\"10.0.0.1\"]}", "/trustedSources/0",
						"invalid-trusted-source"),
				Arguments.of("{\"type\": \"UPDATE\", \"trustedSources\": [\"127.0.0.1\"]}", "/trustedSources/0",
						"invalid-trusted-source"),
				Arguments
					.of("{\"type\": \"UPDATE\", \"trustedSources\": []}", "/trustedSources", "trusted-sources-missing"),
				Arguments.of("{\"type\": \"UPDATE\"}", "", "nothing-to-change"),
				Arguments.of("{\"type\": \"UPDATE\", \"storageGb\": 50, \"nodeSize\": \"b2-4\", "
						+ "\"trustedSources\": [\"222.222.222.128/28\", \"123.123.123.123\"], "
						+ "\"deletionProtection\": false}", "", "nothing-to-change"));
	}

	@ParameterizedTest(name = "{2}: {0}")
	@MethodSource("invalidUpdates")
	void refusesUpdatesTheRulesRefuseWith422(String body, String pointer, String code) {
		Instance instance = running("c-invalid");

		HttpResponse<String> response = instance.http().placeInstanceOrder(instance.id(), key(), null, body);

		assertThat(response.statusCode()).isEqualTo(422);
		JsonNode problem = json(response);
		assertThat(problem.get("type").stringValue()).isEqualTo(PROBLEMS + "invalid-order");
		assertThat(problem.get("errors").get(0).get("pointer").stringValue()).isEqualTo(pointer);
		assertThat(problem.get("errors").get(0).get("code").stringValue()).isEqualTo(code);
		assertThat(pendingOf(instance.id())).isNull();
	}

	@Test
	void reportsEveryProblemOfAnUpdateAtOnce() {
		Instance instance = running("c-all-at-once");
		String grown = json(instance.http()
			.placeInstanceOrder(instance.id(), key(), null, "{\"type\": \"UPDATE\", \"storageGb\": 150}"))
			.get("orderId")
			.stringValue();
		settle(instance.id(), grown, OrderStatus.DONE, null);

		HttpResponse<String> response = instance.http()
			.placeInstanceOrder(instance.id(), key(), null,
					"{\"type\": \"UPDATE\", \"storageGb\": 100, \"nodeSize\": \"b3-5\", "
							+ "\"trustedSources\": [\"123.123.123.123\", \"123.123.123.123/32\"]}");

		assertThat(response.statusCode()).isEqualTo(422);
		assertThat(json(response).get("errors").valueStream().map((error) -> error.get("code").stringValue()))
			.containsExactly("unknown-node-size", "storage-shrinks", "duplicate-trusted-source");
	}

	@Test
	void checksIfMatchAgainstTheInstancesVersion() {
		Instance instance = running("c-if-match");
		String body = "{\"type\": \"UPDATE\", \"storageGb\": 100}";

		HttpResponse<String> stale = instance.http().placeInstanceOrder(instance.id(), key(), "\"7\"", body);
		HttpResponse<String> weak = instance.http().placeInstanceOrder(instance.id(), key(), "W/\"1\"", body);
		HttpResponse<String> current = instance.http().placeInstanceOrder(instance.id(), key(), "\"1\"", body);

		assertThat(stale.statusCode()).isEqualTo(412);
		assertThat(json(stale).get("type").stringValue()).isEqualTo(PROBLEMS + "precondition-failed");
		assertThat(json(stale).get("currentETag").stringValue()).isEqualTo("\"1\"");
		assertThat(weak.statusCode()).isEqualTo(412);
		assertThat(current.statusCode()).isEqualTo(202);
		assertThat(current.headers().firstValue("ETag")).hasValue("\"2\"");
	}

	@Test
	void acceptsOneOfTwoConcurrentUpdatesAndNamesItToTheOther() {
		Instance instance = running("c-race");

		CompletableFuture<HttpResponse<String>> first = instance.http()
			.placeInstanceOrderAsync(instance.id(), key(), "{\"type\": \"UPDATE\", \"storageGb\": 100}");
		CompletableFuture<HttpResponse<String>> second = instance.http()
			.placeInstanceOrderAsync(instance.id(), key(), "{\"type\": \"UPDATE\", \"nodeSize\": \"b4-8\"}");
		List<HttpResponse<String>> responses = List.of(first.join(), second.join());

		assertThat(responses).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(202, 409);
		HttpResponse<String> accepted = responses.stream().filter((r) -> r.statusCode() == 202).findFirst().get();
		HttpResponse<String> refused = responses.stream().filter((r) -> r.statusCode() == 409).findFirst().get();
		assertThat(json(refused).get("type").stringValue()).isEqualTo(PROBLEMS + "instance-busy");
		assertThat(json(refused).get("blockingOrderId").stringValue())
			.isEqualTo(json(accepted).get("orderId").stringValue());
		assertThat(json(refused).get("blockingOrderType").stringValue()).isEqualTo("UPDATE");
		assertThat(versionOf(instance.id())).isEqualTo(2);
	}

	@Test
	void acceptsTheNextUpdateOnceTheStatusTopicSaysTheLastIsDone() {
		Instance instance = running("c-next");
		String first = json(instance.http()
			.placeInstanceOrder(instance.id(), key(), null, "{\"type\": \"UPDATE\", \"storageGb\": 100}"))
			.get("orderId")
			.stringValue();
		assertThat(instance.http()
			.placeInstanceOrder(instance.id(), key(), null, "{\"type\": \"UPDATE\", \"storageGb\": 150}")
			.statusCode()).isEqualTo(409);

		publish(first, OrderStatus.PROCESSING, null);
		publish(first, OrderStatus.DONE, null);

		HttpResponse<String> next = await().atMost(DEADLINE)
			.until(() -> instance.http()
				.placeInstanceOrder(instance.id(), key(), null, "{\"type\": \"UPDATE\", \"storageGb\": 150}"),
					(response) -> response.statusCode() != 409);
		assertThat(next.statusCode()).isEqualTo(202);
		assertThat(next.headers().firstValue("ETag")).hasValue("\"3\"");
	}

	@Test
	void restoresTheSettingsOfAFailedUpdate() {
		Instance instance = running("c-restore");
		String update = json(instance.http()
			.placeInstanceOrder(instance.id(), key(), null,
					"{\"type\": \"UPDATE\", \"storageGb\": 100, \"nodeSize\": \"b4-8\"}"))
			.get("orderId")
			.stringValue();
		assertThat(storageOf(instance.id())).isEqualTo(100);

		settle(instance.id(), update, OrderStatus.FAILED, true);

		assertThat(storageOf(instance.id())).isEqualTo(50);
		assertThat(stateOf(instance.id())).isEqualTo("ACTIVE");
		HttpResponse<String> same = instance.http()
			.placeInstanceOrder(instance.id(), key(), null,
					"{\"type\": \"UPDATE\", \"storageGb\": 50, " + "\"nodeSize\": \"b2-4\"}");
		assertThat(json(same).get("errors").get(0).get("code").stringValue()).isEqualTo("nothing-to-change");
		HttpResponse<String> again = instance.http()
			.placeInstanceOrder(instance.id(), key(), null, "{\"type\": \"UPDATE\", \"storageGb\": 100}");
		assertThat(again.statusCode()).isEqualTo(202);
		assertThat(again.headers().firstValue("ETag")).hasValue("\"3\"");
	}

	@Test
	void failsTheInstanceWhenAFailedChangeLeavesItUnusable() {
		Instance instance = running("c-unusable");
		String update = json(instance.http()
			.placeInstanceOrder(instance.id(), key(), null, "{\"type\": \"UPDATE\", \"nodeSize\": \"b4-8\"}"))
			.get("orderId")
			.stringValue();

		publish(update, OrderStatus.FAILED, false);

		await().atMost(DEADLINE).until(() -> "FAILED".equals(stateOf(instance.id())));
		assertThat(pendingOf(instance.id())).isNull();
	}

	@Test
	void acceptsADeleteDuringTheCreateAndEndsDeleted() {
		Instance instance = created("c-cancel");

		HttpResponse<String> delete = instance.http()
			.placeInstanceOrder(instance.id(), key(), null,
					"{\"type\": \"DELETE\", \"confirm\": \"" + instance.id() + "\"}");

		assertThat(delete.statusCode()).isEqualTo(202);
		assertThat(json(delete).get("type").stringValue()).isEqualTo("DELETE");
		assertThat(delete.headers().firstValue("ETag")).hasValue("\"2\"");
		String deleteId = json(delete).get("orderId").stringValue();
		OrderPlaced event = await().atMost(DEADLINE)
			.until(() -> this.placed.recordsFor(deleteId), (found) -> !found.isEmpty())
			.get(0)
			.value();
		assertThat(event.getType()).isEqualTo(OrderType.DELETE);
		assertThat(event.getInstanceVersion()).isEqualTo(2L);
		assertThat(event.getChanges()).isNull();
		assertThat(event.getStorageGb()).isEqualTo(50);

		publish(instance.createId(), OrderStatus.CANCELLED, null);
		HttpResponse<String> stillBusy = await().atMost(DEADLINE)
			.until(() -> instance.http()
				.placeInstanceOrder(instance.id(), key(), null, "{\"type\": \"UPDATE\", \"storageGb\": 100}"),
					(response) -> response.statusCode() == 409
							&& deleteId.equals(json(response).path("blockingOrderId").stringValue()));
		assertThat(json(stillBusy).get("blockingOrderType").stringValue()).isEqualTo("DELETE");

		publish(deleteId, OrderStatus.DONE, null);
		await().atMost(DEADLINE).until(() -> "DELETED".equals(stateOf(instance.id())));
		HttpResponse<String> afterwards = instance.http()
			.placeInstanceOrder(instance.id(), key(), null, "{\"type\": \"UPDATE\", \"storageGb\": 100}");
		assertThat(json(afterwards).get("instanceState").stringValue()).isEqualTo("DELETED");
	}

	@Test
	void refusesASecondDeleteDuringTheCreate() {
		Instance instance = created("c-two-deletes");
		String confirm = "{\"type\": \"DELETE\", \"confirm\": \"" + instance.id() + "\"}";
		String first = json(instance.http().placeInstanceOrder(instance.id(), key(), null, confirm)).get("orderId")
			.stringValue();

		HttpResponse<String> second = instance.http().placeInstanceOrder(instance.id(), key(), null, confirm);

		assertThat(second.statusCode()).isEqualTo(409);
		assertThat(json(second).get("blockingOrderId").stringValue()).isEqualTo(first);
	}

	@Test
	void replaysTheSameOrderForTheSameIdempotencyKey() {
		Instance instance = running("c-replay");
		String key = key();

		HttpResponse<String> first = instance.http()
			.placeInstanceOrder(instance.id(), key, null,
					"{\"type\": \"UPDATE\", \"trustedSources\": [\"123.123.123.4\"]}");
		HttpResponse<String> retry = instance.http()
			.placeInstanceOrder(instance.id(), key, "\"1\"",
					"{\"trustedSources\": [\"123.123.123.4/32\"], \"type\": \"UPDATE\"}");
		HttpResponse<String> other = instance.http()
			.placeInstanceOrder(instance.id(), key, null, "{\"type\": \"UPDATE\", \"storageGb\": 100}");

		assertThat(first.statusCode()).isEqualTo(202);
		assertThat(retry.statusCode()).isEqualTo(202);
		assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
		assertThat(retry.headers().firstValue("ETag")).hasValue("\"2\"");
		assertThat(json(retry)).isEqualTo(json(first));
		assertThat(other.statusCode()).isEqualTo(422);
		assertThat(json(other).get("type").stringValue()).isEqualTo(PROBLEMS + "idempotency-key-reused");
		assertThat(this.jdbc.sql("SELECT count(*) FROM orders WHERE instance_id = :id")
			.param("id", instance.id())
			.query(Long.class)
			.single()).isEqualTo(2);
	}

	@Test
	void skipsStatusRecordsItCannotReadAndCountsThem() {
		Instance instance = created("c-poison");
		send(new ProducerRecord<>(this.orderStatusTopic, instance.createId(), new byte[] { 1, 2, 3 }));

		publish(instance.createId(), OrderStatus.DONE, null);

		await().atMost(DEADLINE).until(() -> pendingOf(instance.id()) == null);
		assertThat(this.http.withToken(TestTokens.ops()).get("/actuator/prometheus").body()).contains(
				"intake_instance_status_records_total{outcome=\"rejected\"}",
				"intake_instance_status_records_total{outcome=\"applied\"}",
				"intake_instance_orders_total{outcome=\"accepted\",type=\"update\"}");
	}

	@Test
	void commitsItsOffsetsInGroupOrderIntakeAfterApplyingABatch() throws Exception {
		Instance instance = running("c-offsets");

		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers))) {
			await().atMost(DEADLINE)
				.until(() -> admin.listConsumerGroupOffsets("order-intake")
					.partitionsToOffsetAndMetadata()
					.get(10, TimeUnit.SECONDS)
					.keySet()
					.stream()
					.anyMatch((partition) -> partition.topic().equals(this.orderStatusTopic)));
		}
		assertThat(pendingOf(instance.id())).isNull();
	}

	private Instance created(String customer) {
		Http http = this.http.withToken(TestTokens.customer(customer));
		HttpResponse<String> response = http.placeOrder(key(), Orders.aValidOrder().withCustomerId(customer).toJson());
		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(json(response).get("type").stringValue()).isEqualTo("CREATE");
		Instance instance = new Instance(http, json(response).get("instanceId").stringValue(),
				json(response).get("orderId").stringValue());
		assertThat(versionOf(instance.id())).isEqualTo(1);
		assertThat(pendingOf(instance.id())).isEqualTo(instance.createId());
		return instance;
	}

	private Instance running(String customer) {
		Instance instance = created(customer);
		settle(instance.id(), instance.createId(), OrderStatus.DONE, null);
		return instance;
	}

	/**
	 * Publishes a terminal status and waits until the instance no longer has it pending.
	 */
	private void settle(String instanceId, String orderId, OrderStatus status, @Nullable Boolean instanceUsable) {
		assertThat(pendingOf(instanceId)).isEqualTo(orderId);
		publish(orderId, status, instanceUsable);
		await().atMost(DEADLINE).until(() -> !orderId.equals(pendingOf(instanceId)));
	}

	private void publish(String orderId, OrderStatus status, @Nullable Boolean instanceUsable) {
		OrderStatusChanged event = OrderStatusChanged.newBuilder()
			.setEventId(UUID.randomUUID().toString())
			.setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
			.setOrderId(orderId)
			.setCustomerId("c-any")
			.setStatus(status)
			.setSequence(SEQUENCE.incrementAndGet())
			.setInstanceUsable(instanceUsable)
			.build();
		send(new ProducerRecord<>(this.orderStatusTopic, orderId, new AvroEventSerializer().encode(event)));
	}

	private void send(ProducerRecord<String, byte[]> record) {
		try {
			this.statuses.send(record).get(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("status record not sent", ex);
		}
	}

	private @Nullable String pendingOf(String instanceId) {
		return this.jdbc.sql("SELECT CAST(pending_order_id AS text) FROM instances WHERE instance_id = :id")
			.param("id", instanceId)
			.query(String.class)
			.optional()
			.orElse(null);
	}

	private String stateOf(String instanceId) {
		return this.jdbc.sql("SELECT state FROM instances WHERE instance_id = :id")
			.param("id", instanceId)
			.query(String.class)
			.single();
	}

	private long versionOf(String instanceId) {
		return this.jdbc.sql("SELECT version FROM instances WHERE instance_id = :id")
			.param("id", instanceId)
			.query(Long.class)
			.single();
	}

	private int storageOf(String instanceId) {
		return this.jdbc.sql("SELECT storage_gb FROM instances WHERE instance_id = :id")
			.param("id", instanceId)
			.query(Integer.class)
			.single();
	}

	private static String key() {
		return UUID.randomUUID().toString();
	}

	/**
	 * An instance placed by a customer, with the client that acts for that customer.
	 */
	private record Instance(Http http, String id, String createId) {
	}

}
