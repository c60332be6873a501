package dev.dbaas.pipeline.status.instance.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;

import dev.dbaas.pipeline.contract.instance.InstanceIdRule;
import dev.dbaas.pipeline.contract.kafka.PipelineTopics;
import dev.dbaas.pipeline.events.OrderPlaced;
import dev.dbaas.pipeline.security.test.TestTokens;
import dev.dbaas.pipeline.status.WireEvents;
import dev.dbaas.pipeline.status.instance.InstanceCursor;
import dev.dbaas.pipeline.status.instance.InstancePage;
import dev.dbaas.pipeline.status.instance.InstanceReader;
import dev.dbaas.pipeline.status.instance.InstanceState;
import dev.dbaas.pipeline.status.instance.InstanceView;
import dev.dbaas.pipeline.status.instance.Instances;
import dev.dbaas.pipeline.status.order.InstanceChanges;
import dev.dbaas.pipeline.status.order.OrderDetails;
import dev.dbaas.pipeline.status.order.OrderEvent;
import dev.dbaas.pipeline.status.order.OrderEvents;
import dev.dbaas.pipeline.status.order.OrderStatus;
import dev.dbaas.pipeline.status.order.OrderType;
import dev.dbaas.pipeline.status.projection.OrderProjector;
import dev.dbaas.pipeline.testkit.RealInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
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
 * Change and delete orders of instances (docs/lifecycle.md, status-service) over a view
 * fed through real Kafka and PostgreSQL: every instance state from events delivered out
 * of order and twice, the pending order, desired and observed settings, the version as
 * ETag, the history of orders, CANCELLED orders, the instance gauges and the counter of
 * failed changes, and dead letters for an order type this reader does not know.
 */
@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "status.metrics.refresh-interval=200ms")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InstanceLifecycleIntegrationTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String PROBLEMS = "https://dbaas.example/problems/";

	private static final OrderDetails CREATED = new OrderDetails("POSTGRESQL", "17", "b2-4", 50, "DE-WEST-1",
			List.of("127.0.0.2/32"));

	private static final OrderDetails GROWN = new OrderDetails("POSTGRESQL", "17", "b2-8", 100, "DE-WEST-1",
			List.of("127.0.0.4/32"));

	private final String customer = "c-life-" + UUID.randomUUID();

	private final Fixture running = new Fixture();

	private final Fixture creating = new Fixture();

	private final Fixture createFailed = new Fixture();

	private final Fixture updating = new Fixture();

	private final Fixture updated = new Fixture();

	private final Fixture changeFailed = new Fixture();

	private final Fixture deleting = new Fixture();

	private final Fixture cancelled = new Fixture();

	private final Fixture deleted = new Fixture();

	private final HttpClient http = HttpClient.newHttpClient();

	private final Random random = new Random(18);

	private WireEvents wire;

	private final List<OrderEvent> changeFailure = new ArrayList<>();

	@LocalServerPort
	int port;

	@Autowired
	PipelineTopics topics;

	@Autowired
	MeterRegistry meters;

	@Autowired
	OrderProjector projector;

	@Autowired
	Instances instances;

	@Value("${spring.kafka.bootstrap-servers}")
	String bootstrapServers;

	@BeforeAll
	void publishTheLifecyclesOutOfOrderAndTwice() {
		this.wire = new WireEvents(this.bootstrapServers, this.topics);
		List<OrderEvent> events = new ArrayList<>();
		events.addAll(runningInstance(this.running));
		events.add(create(this.creating));
		events.add(create(this.createFailed));
		events.add(status(this.createFailed, this.createFailed.create, OrderType.CREATE, OrderStatus.FAILED, 2)
			.failure("REGION_CAPACITY_EXHAUSTED", "No capacity")
			.build());
		events.addAll(runningInstance(this.updating));
		events.add(update(this.updating));
		events.add(status(this.updating, this.updating.change, OrderType.UPDATE, OrderStatus.PROCESSING, 1)
			.step("APPLY_STORAGE")
			.build());
		events.addAll(runningInstance(this.updated));
		events.add(update(this.updated));
		events.add(status(this.updated, this.updated.change, OrderType.UPDATE, OrderStatus.DONE, 4)
			.observed("b2-8", 100, List.of("127.0.0.4/32"), 1800L)
			.build());
		events.addAll(runningInstance(this.changeFailed));
		events.add(update(this.changeFailed));
		OrderEvent failure = status(this.changeFailed, this.changeFailed.change, OrderType.UPDATE, OrderStatus.FAILED,
				3)
			.instanceUsable(false)
			.failure("INSTANCE_HOST_UNAVAILABLE", "The instance's host is gone")
			.build();
		this.changeFailure.add(failure);
		events.add(failure);
		events.add(create(this.deleting));
		events.add(status(this.deleting, this.deleting.create, OrderType.CREATE, OrderStatus.PROCESSING, 1).build());
		events.add(delete(this.deleting));
		events.add(create(this.cancelled));
		events.add(status(this.cancelled, this.cancelled.create, OrderType.CREATE, OrderStatus.CANCELLED, 2).build());
		events.add(delete(this.cancelled));
		events.add(status(this.cancelled, this.cancelled.change, OrderType.DELETE, OrderStatus.DONE, 3).build());
		events.addAll(runningInstance(this.deleted));
		events.add(delete(this.deleted));
		events.add(status(this.deleted, this.deleted.change, OrderType.DELETE, OrderStatus.PROCESSING, 1)
			.step("STOP_SERVER")
			.build());
		events.add(status(this.deleted, this.deleted.change, OrderType.DELETE, OrderStatus.DONE, 3).build());

		List<OrderEvent> delivered = new ArrayList<>(events);
		delivered.addAll(events);
		Collections.shuffle(delivered, this.random);
		this.wire.publish(delivered);

		Map<Fixture, InstanceState> expected = expectedStates();
		String ops = TestTokens.ops();
		await().atMost(TIMEOUT).untilAsserted(() -> {
			for (Map.Entry<Fixture, InstanceState> entry : expected.entrySet()) {
				JsonNode instance = json(get(ops, "/v1/instances/" + entry.getKey().instanceId));
				assertThat(instance.path("state").asString()).as(entry.getKey().name())
					.isEqualTo(entry.getValue().name());
			}
			assertThat(json(get(ops, "/v1/instances/" + this.updated.instanceId)).path("observed")
				.path("storageGb")
				.asInt()).isEqualTo(100);
			assertThat(json(get(ops, "/v1/instances/" + this.updating.instanceId)).path("pendingOrder")
				.path("status")
				.asString()).isEqualTo("PROCESSING");
		});
	}

	@AfterAll
	void closeProducer() {
		if (this.wire != null) {
			this.wire.close();
		}
	}

	Map<Fixture, InstanceState> expectedStates() {
		Map<Fixture, InstanceState> states = new java.util.LinkedHashMap<>();
		states.put(this.running, InstanceState.RUNNING);
		states.put(this.creating, InstanceState.CREATING);
		states.put(this.createFailed, InstanceState.FAILED);
		states.put(this.updating, InstanceState.UPDATING);
		states.put(this.updated, InstanceState.RUNNING);
		states.put(this.changeFailed, InstanceState.FAILED);
		states.put(this.deleting, InstanceState.DELETING);
		states.put(this.cancelled, InstanceState.DELETED);
		states.put(this.deleted, InstanceState.DELETED);
		return states;
	}

	Stream<Arguments> lifecycles() {
		return Stream.of(Arguments.of(this.running, "RUNNING", null, "1", true),
				Arguments.of(this.creating, "CREATING", "CREATE", "1", false),
				Arguments.of(this.createFailed, "FAILED", null, "1", false),
				Arguments.of(this.updating, "UPDATING", "UPDATE", "2", true),
				Arguments.of(this.updated, "RUNNING", null, "2", true),
				Arguments.of(this.changeFailed, "FAILED", null, "2", false),
				Arguments.of(this.deleting, "DELETING", "DELETE", "2", false),
				Arguments.of(this.cancelled, "DELETED", null, "2", false),
				Arguments.of(this.deleted, "DELETED", null, "2", false));
	}

	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource("lifecycles")
	void anInstanceShowsItsStatePendingOrderVersionAndConnectionOnlyWhileItServes(Fixture fixture, String state,
			@Nullable String pendingType, String version, boolean connected) throws Exception {
		HttpResponse<String> response = get(TestTokens.customer(this.customer), "/v1/instances/" + fixture.instanceId);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("ETag")).hasValue("\"" + version + "\"");
		assertThat(response.headers().firstValue("Cache-Control"))
			.hasValueSatisfying((value) -> assertThat(value).contains("no-store"));
		JsonNode body = json(response);
		assertThat(body.path("state").asString()).isEqualTo(state);
		assertThat(body.path("version").asLong()).isEqualTo(Long.parseLong(version));
		assertThat(body.path("orderId").asString()).isEqualTo(fixture.create);
		assertThat(body.has("connection")).isEqualTo(connected);
		if (pendingType == null) {
			assertThat(body.path("pendingOrder").isMissingNode() || body.path("pendingOrder").isNull()).isTrue();
		}
		else {
			JsonNode pending = body.path("pendingOrder");
			assertThat(pending.path("type").asString()).isEqualTo(pendingType);
			String orderId = pending.path("orderId").asString();
			assertThat(orderId).isEqualTo(pendingType.equals("CREATE") ? fixture.create : fixture.change);
			assertThat(pending.path("statusUrl").asString())
				.isEqualTo("http://localhost:" + this.port + "/v1/orders/" + orderId);
			JsonNode order = json(get(TestTokens.customer(this.customer), "/v1/orders/" + orderId));
			assertThat(order.path("status").asString()).isEqualTo(pending.path("status").asString());
		}
		JsonNode listed = json(get(TestTokens.customer(this.customer), "/v1/instances?limit=200")).path("items");
		assertThat(listed).anySatisfy((item) -> {
			assertThat(item.path("instanceId").asString()).isEqualTo(fixture.instanceId);
			assertThat(item.path("state").asString()).isEqualTo(state);
		});
	}

	@Test
	void desiredSettingsAreTheNewestOrdersAndObservedTheNewestDonesReadBack() throws Exception {
		JsonNode updating = json(get(TestTokens.customer(this.customer), "/v1/instances/" + this.updating.instanceId));
		JsonNode updated = json(get(TestTokens.customer(this.customer), "/v1/instances/" + this.updated.instanceId));
		JsonNode failed = json(
				get(TestTokens.customer(this.customer), "/v1/instances/" + this.changeFailed.instanceId));

		assertThat(updating.path("desired").path("storageGb").asInt()).isEqualTo(100);
		assertThat(updating.path("desired").path("deletionProtection").asBoolean()).isTrue();
		assertThat(updating.path("observed").path("storageGb").asInt()).isEqualTo(50);
		assertThat(updating.path("observed").path("trustedSources").get(0).asString()).isEqualTo("127.0.0.2/32");
		assertThat(updated.path("observed").path("nodeSize").asString()).isEqualTo("b2-8");
		assertThat(updated.path("observed").path("trustedSources").get(0).asString()).isEqualTo("127.0.0.4/32");
		assertThat(updated.path("observed").path("interruptionMillis").asLong()).isEqualTo(1800);
		assertThat(updated.path("storageGb").asInt()).as("the top-level settings are the desired ones").isEqualTo(100);
		assertThat(failed.path("desired").path("storageGb").asInt()).as("a FAILED change is not desired").isEqualTo(50);
	}

	@Test
	void theETagIsTheHighestVersionAndChangesWithEachPlacedChangeOrder() throws Exception {
		Fixture fixture = new Fixture();
		String token = TestTokens.customer(this.customer);
		this.wire.publish(runningInstance(fixture));
		awaitETagAndState(token, fixture, "1", "RUNNING");

		this.wire.publish(update(fixture));
		awaitETagAndState(token, fixture, "2", "UPDATING");
		assertThat(conditionalGet(token, fixture, "\"1\"").statusCode()).isEqualTo(200);
		HttpResponse<String> unchangedVersion = conditionalGet(token, fixture, "\"2\"");
		assertThat(unchangedVersion.statusCode()).as("no 304: the state changes within a version").isEqualTo(200);
		assertThat(unchangedVersion.body()).contains("\"UPDATING\"");

		this.wire.publish(status(fixture, fixture.change, OrderType.UPDATE, OrderStatus.DONE, 4)
			.observed("b2-8", 100, List.of("127.0.0.4/32"), null)
			.build());
		awaitETagAndState(token, fixture, "2", "RUNNING");

		String thirdOrder = UUID.randomUUID().toString();
		this.wire.publish(anOrderPlaced(thirdOrder).by(this.customer)
			.forInstance(fixture.instanceId, true)
			.at(T0.plusSeconds(3_600))
			.with(GROWN)
			.ofType(OrderType.UPDATE, 3)
			.requestedBy("portal-backend")
			.deletionProtection(false)
			.changes(new InstanceChanges(null, null, null, false))
			.build());
		awaitETagAndState(token, fixture, "3", "UPDATING");
	}

	@Test
	void ordersCarryTheirTypeAndInstanceAndACancelledCreateIsTerminal() throws Exception {
		String token = TestTokens.customer(this.customer);
		JsonNode cancelledCreate = json(get(token, "/v1/orders/" + this.cancelled.create));
		JsonNode delete = json(get(token, "/v1/orders/" + this.cancelled.change));
		JsonNode cancelledOnly = json(get(token, "/v1/orders?status=CANCELLED"));

		assertThat(cancelledCreate.path("type").asString()).isEqualTo("CREATE");
		assertThat(cancelledCreate.path("status").asString()).isEqualTo("CANCELLED");
		assertThat(cancelledCreate.path("instanceId").asString()).isEqualTo(this.cancelled.instanceId);
		assertThat(delete.path("type").asString()).isEqualTo("DELETE");
		assertThat(delete.path("status").asString()).isEqualTo("DONE");
		assertThat(delete.path("instanceId").asString()).isEqualTo(this.cancelled.instanceId);
		assertThat(cancelledOnly.path("items").valueStream().map((item) -> item.path("orderId").asString()))
			.containsExactly(this.cancelled.create);
		assertThat(json(get(token, "/v1/orders?limit=200")).path("items"))
			.allSatisfy((item) -> assertThat(item.path("type").asString()).isIn("CREATE", "UPDATE", "DELETE"));
	}

	@Test
	void theHistoryListsEveryOrderWithTypeRequesterChangesAndTransitions() throws Exception {
		JsonNode history = json(
				get(TestTokens.customer(this.customer), "/v1/instances/" + this.updated.instanceId + "/history"));

		JsonNode orders = history.path("orders");
		assertThat(orders).hasSize(2);
		assertThat(orders.get(0).path("orderId").asString()).isEqualTo(this.updated.create);
		assertThat(orders.get(0).path("type").asString()).isEqualTo("CREATE");
		assertThat(orders.get(0).path("requestedBy").asString()).isEqualTo("c-life-client");
		assertThat(orders.get(0).path("status").asString()).isEqualTo("DONE");
		assertThat(orders.get(0).has("changes")).isFalse();
		assertThat(orders.get(1).path("orderId").asString()).isEqualTo(this.updated.change);
		assertThat(orders.get(1).path("type").asString()).isEqualTo("UPDATE");
		assertThat(orders.get(1).path("instanceVersion").asLong()).isEqualTo(2);
		assertThat(orders.get(1).path("requestedBy").asString()).isEqualTo("portal-backend");
		assertThat(orders.get(1).path("changes").path("storageGb").asInt()).isEqualTo(100);
		assertThat(orders.get(1).path("changes").path("trustedSources").get(0).asString()).isEqualTo("127.0.0.4/32");
		assertThat(orders.get(1).path("changes").has("nodeSize")).isFalse();
		assertThat(orders.get(1).path("transitions").valueStream().map((step) -> step.path("status").asString()))
			.containsExactly("NEW", "DONE");
		JsonNode items = history.path("items");
		assertThat(items.get(0).path("orderId").asString()).isEqualTo(this.updated.create);
		assertThat(items.get(items.size() - 1).path("type").asString()).isEqualTo("UPDATE");
		assertThat(items.get(items.size() - 1).path("requestedBy").asString()).isEqualTo("portal-backend");
	}

	@Test
	void credentialsOfADeletedOrFailedInstanceAreNotRevealable() throws Exception {
		for (Fixture fixture : List.of(this.deleted, this.changeFailed, this.deleting)) {
			HttpResponse<String> response = post(TestTokens.customer(this.customer),
					"/v1/instances/" + fixture.instanceId + "/credentials");

			assertThat(response.statusCode()).as(fixture.name()).isEqualTo(409);
			assertThat(json(response).path("type").asString()).isEqualTo(PROBLEMS + "instance-not-running");
			assertThat(json(response).path("state").asString()).isEqualTo(expectedStates().get(fixture).name());
		}
	}

	@Test
	void theInstanceGaugesCountEveryStateAsTheInstancesDoAndAgeThePendingChanges() throws Exception {
		await().atMost(TIMEOUT).untilAsserted(() -> {
			Map<InstanceState, Long> folded = statesOfEveryInstance();
			for (InstanceState state : InstanceState.values()) {
				assertThat(this.meters.get("instances").tag("state", state.name()).gauge().value()).as(state.name())
					.isEqualTo(folded.getOrDefault(state, 0L).doubleValue());
			}
			assertThat(folded.get(InstanceState.DELETED)).isGreaterThanOrEqualTo(2);
			assertThat(folded.get(InstanceState.FAILED)).isGreaterThanOrEqualTo(2);
		});
		// The pending changes were placed at T0, days ago.
		assertThat(this.meters.get("instance.oldest.pending.change").tag("type", "UPDATE").gauge().value())
			.isGreaterThan(Duration.ofDays(1).toSeconds());
		assertThat(this.meters.get("instance.oldest.pending.change").tag("type", "DELETE").gauge().value())
			.isGreaterThan(Duration.ofDays(1).toSeconds());
		String scrape = get(TestTokens.ops(), "/actuator/prometheus").body();
		assertThat(scrape).contains("instances{state=\"DELETED\"}",
				"instance_oldest_pending_change_seconds{type=\"UPDATE\"}",
				"instance_oldest_pending_change_seconds{type=\"DELETE\"}",
				"instance_changes_failed_total{type=\"UPDATE\",usable=\"false\"}",
				"instance_changes_failed_total{type=\"DELETE\",usable=\"true\"}");
	}

	@Test
	void aFailedChangeIsCountedOnceWhateverTheRedeliveries() {
		double before = failedChanges("UPDATE", "false");
		OrderEvent.StatusChanged first = (OrderEvent.StatusChanged) this.changeFailure.get(0);
		OrderEvent.StatusChanged again = aStatusChange(first.orderId().value(), OrderStatus.FAILED, 5).by(this.customer)
			.forInstance(this.changeFailed.instanceId, true)
			.orderType(OrderType.UPDATE)
			.instanceUsable(false)
			.failure("INSTANCE_HOST_UNAVAILABLE", "reported again")
			.build();
		Fixture fresh = new Fixture();
		List<OrderEvent> newFailure = new ArrayList<>(runningInstance(fresh));
		newFailure.add(update(fresh));
		newFailure.add(status(fresh, fresh.change, OrderType.UPDATE, OrderStatus.FAILED, 3).instanceUsable(true)
			.failure("APPLY_FAILED", "could not apply")
			.build());
		double usableBefore = failedChanges("UPDATE", "true");

		this.projector.project(List.of(first, first));
		this.projector.project(List.of(again));
		this.projector.project(newFailure);
		this.projector.project(newFailure);

		assertThat(before).as("delivered twice through Kafka, counted once").isEqualTo(1);
		assertThat(failedChanges("UPDATE", "false")).isEqualTo(1);
		assertThat(failedChanges("UPDATE", "true")).isEqualTo(usableBefore + 1);
		assertThat(failedChanges("DELETE", "false")).isZero();
	}

	@Test
	void anOrderTypeThisReaderDoesNotKnowIsDeadLetteredWithTheReasonNeverTakenForACreate() throws Exception {
		String orderId = UUID.randomUUID().toString();
		String good = UUID.randomUUID().toString();
		OrderPlaced future = WireEvents.toWire((OrderEvent.Placed) anOrderPlaced(orderId).by(this.customer).build());
		future.setType(dev.dbaas.pipeline.events.OrderType.UNKNOWN);
		double deadLettered = this.meters.get("pipeline.dead.letter.records")
			.tag("topic", this.topics.orderPlaced())
			.counter()
			.count();

		this.wire.send(this.topics.orderPlaced(), orderId, future);
		this.wire.send(this.topics.orderPlaced(), orderId, WireEvents.toWire(anOrderPlaced(good).build()));
		this.wire.flush();

		ConsumerRecord<String, byte[]> dead = awaitDeadLetter(this.topics.orderPlacedDlt(), orderId);
		assertThat(header(dead, "pipeline_dlt-reason")).startsWith("type UNKNOWN");
		assertThat(header(dead, "kafka_dlt-original-topic")).isEqualTo(this.topics.orderPlaced());
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(this.meters.get("pipeline.dead.letter.records")
				.tag("topic", this.topics.orderPlaced())
				.counter()
				.count()).isEqualTo(deadLettered + 1));
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(get(TestTokens.ops(), "/v1/orders/" + good).statusCode()).isEqualTo(200));
		assertThat(get(TestTokens.ops(), "/v1/orders/" + orderId).statusCode()).isEqualTo(404);
	}

	private double failedChanges(String type, String usable) {
		return this.meters.get("instance.changes.failed").tag("type", type).tag("usable", usable).counter().count();
	}

	/** The Java fold of every instance in the view, counted by state. */
	private Map<InstanceState, Long> statesOfEveryInstance() {
		Map<InstanceState, Long> counts = new EnumMap<>(InstanceState.class);
		InstanceCursor cursor = null;
		do {
			InstancePage page = this.instances.list(InstanceReader.ANY_CUSTOMER, null, 200, cursor);
			for (InstanceView instance : page.items()) {
				counts.merge(instance.state(), 1L, Long::sum);
			}
			cursor = page.next();
		}
		while (cursor != null);
		return counts;
	}

	private void awaitETagAndState(String token, Fixture fixture, String version, String state) {
		await().atMost(TIMEOUT).untilAsserted(() -> {
			HttpResponse<String> response = get(token, "/v1/instances/" + fixture.instanceId);
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("ETag")).hasValue("\"" + version + "\"");
			assertThat(json(response).path("state").asString()).isEqualTo(state);
		});
	}

	private HttpResponse<String> conditionalGet(String token, Fixture fixture, String etag) throws Exception {
		return this.http.send(
				request(token, "/v1/instances/" + fixture.instanceId).header("If-None-Match", etag).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private List<OrderEvent> runningInstance(Fixture fixture) {
		return List.of(create(fixture),
				status(fixture, fixture.create, OrderType.CREATE, OrderStatus.PROCESSING, 1).step("CREATE_INSTANCE")
					.build(),
				status(fixture, fixture.create, OrderType.CREATE, OrderStatus.DONE, 2)
					.instance("127.0.0.1", fixture.port, "verify-full", null)
					.credentials("key-1", "sealed-value")
					.observed("b2-4", 50, List.of("127.0.0.2/32"), null)
					.build());
	}

	private OrderEvent create(Fixture fixture) {
		return anOrderPlaced(fixture.create).by(this.customer)
			.forInstance(fixture.instanceId, true)
			.at(T0)
			.with(CREATED)
			.ofType(OrderType.CREATE, 1)
			.requestedBy("c-life-client")
			.build();
	}

	private OrderEvent update(Fixture fixture) {
		return anOrderPlaced(fixture.change).by(this.customer)
			.forInstance(fixture.instanceId, true)
			.at(T0.plusSeconds(600))
			.with(GROWN)
			.ofType(OrderType.UPDATE, 2)
			.requestedBy("portal-backend")
			.deletionProtection(true)
			.changes(new InstanceChanges(100, null, List.of("127.0.0.4/32"), true))
			.build();
	}

	private OrderEvent delete(Fixture fixture) {
		return anOrderPlaced(fixture.change).by(this.customer)
			.forInstance(fixture.instanceId, true)
			.at(T0.plusSeconds(600))
			.with(CREATED)
			.ofType(OrderType.DELETE, 2)
			.requestedBy("c-life-client")
			.build();
	}

	private OrderEvents.StatusBuilder status(Fixture fixture, String orderId, OrderType type, OrderStatus status,
			long sequence) {
		return aStatusChange(orderId, status, sequence).by(this.customer)
			.forInstance(fixture.instanceId, true)
			.at(T0.plusSeconds(((type == OrderType.CREATE) ? 0 : 600) + 60 * sequence))
			.orderType(type);
	}

	private ConsumerRecord<String, byte[]> awaitDeadLetter(String topic, String key) {
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers,
				ConsumerConfig.GROUP_ID_CONFIG, "dlt-reader-" + UUID.randomUUID(),
				ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
				StringDeserializer.class, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
			consumer.subscribe(List.of(topic));
			await().atMost(TIMEOUT).until(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
				return records.stream().anyMatch((record) -> key.equals(record.key()));
			});
		}
		return records.stream().filter((record) -> key.equals(record.key())).findFirst().orElseThrow();
	}

	private static String header(ConsumerRecord<?, ?> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), java.nio.charset.StandardCharsets.UTF_8) : "";
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

	/** One instance, its create order and its change (UPDATE or DELETE) order. */
	static final class Fixture {

		final String instanceId = InstanceIdRule.newId();

		final String create = UUID.randomUUID().toString();

		final String change = UUID.randomUUID().toString();

		final int port = 20_000 + Math.floorMod(this.instanceId.hashCode(), 20_000);

		String name() {
			return this.instanceId;
		}

		@Override
		public String toString() {
			return this.instanceId;
		}

	}

}
