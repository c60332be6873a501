package dev.dbaas.pipeline.intake;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import javax.sql.DataSource;

import dev.dbaas.pipeline.events.OrderStatus;
import dev.dbaas.pipeline.events.OrderStatusChanged;
import dev.dbaas.pipeline.intake.admission.Admission;
import dev.dbaas.pipeline.intake.support.Http;
import dev.dbaas.pipeline.schemas.AvroEventSerializer;
import dev.dbaas.pipeline.security.test.TestTokens;
import dev.dbaas.pipeline.testkit.RealInfrastructure;
import dev.dbaas.pipeline.testkit.fixtures.Orders;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
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
 * Admission control (decision 0046) on real PostgreSQL and Kafka, over real HTTP: past
 * each bound (orders in flight, the placement queue, the client's rate limit) an order is
 * refused at once with a problem and {@code Retry-After}, never left waiting; a retry of
 * an accepted order is still replayed; and orders are accepted again once the backlog is
 * settled by terminal statuses on the status topic.
 */
@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "intake.admission.max-orders-in-flight=" + AdmissionIntegrationTest.IN_FLIGHT,
				"intake.admission.refresh-interval=50ms", "intake.admission.retry-after=2s",
				"intake.placement.writers=1", "intake.placement.max-queued=" + AdmissionIntegrationTest.QUEUED,
				"intake.rate-limit.orders-per-period=10", "intake.rate-limit.period=1s" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdmissionIntegrationTest {

	static final int IN_FLIGHT = 3;

	static final int QUEUED = 2;

	private static final String SERVICE_UNAVAILABLE = "https://dbaas.example/problems/service-unavailable";

	private static final Duration DEADLINE = Duration.ofSeconds(30);

	/** Generous: a refusal must come back, not wait for the placement timeout (30 s). */
	private static final Duration FAST = Duration.ofSeconds(5);

	private static final AtomicLong SEQUENCE = new AtomicLong();

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	@Autowired
	Admission admission;

	@Autowired
	MeterRegistry meters;

	@Value("${spring.kafka.bootstrap-servers}")
	String bootstrapServers;

	@Value("${pipeline.topics.order-status}")
	String orderStatusTopic;

	KafkaProducer<String, byte[]> statuses;

	@BeforeAll
	void connect() {
		this.statuses = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers,
				ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
				ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
	}

	@AfterAll
	void disconnect() {
		this.statuses.close(Duration.ofSeconds(5));
	}

	/** Each test starts with nothing in flight: the earlier tests' orders are DONE. */
	@BeforeEach
	void settleEverythingInFlight() {
		List<String> pending = this.jdbc
			.sql("SELECT CAST(pending_order_id AS text) FROM instances WHERE pending_order_id IS NOT NULL")
			.query(String.class)
			.list();
		pending.forEach((orderId) -> publish(orderId, OrderStatus.DONE));
		await().atMost(DEADLINE).until(() -> this.admission.inFlight() == 0);
	}

	@Test
	void refusesOrdersPastTheBoundOfOrdersInFlightAndTakesThemAgainOnceTheyAreSettled() {
		Http http = customer("c-backlog");
		List<String> accepted = new ArrayList<>();
		String firstKey = key();
		String firstBody = order("c-backlog");
		HttpResponse<String> first = http.placeOrder(firstKey, firstBody);
		assertThat(first.statusCode()).isEqualTo(202);
		accepted.add(json(first).get("orderId").stringValue());
		for (int i = 1; i < IN_FLIGHT; i++) {
			HttpResponse<String> response = http.placeOrder(key(), order("c-backlog"));
			assertThat(response.statusCode()).isEqualTo(202);
			accepted.add(json(response).get("orderId").stringValue());
		}
		String refusedKey = key();
		String refusedBody = order("c-backlog");

		HttpResponse<String> refused = fast(() -> http.placeOrder(refusedKey, refusedBody));

		assertOverloaded(refused, "/v1/orders");
		JsonNode problem = json(refused);
		assertThat(problem.get("bound").stringValue()).isEqualTo("orders-in-flight");
		assertThat(problem.get("ordersInFlight").asLong()).isGreaterThanOrEqualTo(IN_FLIGHT);
		assertThat(problem.get("limit").asLong()).isEqualTo(IN_FLIGHT);
		assertThat(problem.get("detail").stringValue()).contains("orders are in flight")
			.contains("retry after 2 s with the same Idempotency-Key");
		assertThat(storedOrders("c-backlog")).isEqualTo(IN_FLIGHT);

		HttpResponse<String> replay = fast(() -> http.placeOrder(firstKey, firstBody));
		assertThat(replay.statusCode()).isEqualTo(202);
		assertThat(replay.headers().firstValue("Idempotent-Replayed")).hasValue("true");
		assertThat(json(replay).get("orderId").stringValue()).isEqualTo(accepted.get(0));
		String otherBody = Orders.aValidOrder().withCustomerId("c-backlog").withStorageGb(100).toJson();
		assertThat(fast(() -> http.placeOrder(firstKey, otherBody)).statusCode()).isEqualTo(422);

		accepted.forEach((orderId) -> publish(orderId, OrderStatus.DONE));

		HttpResponse<String> retried = await().atMost(DEADLINE)
			.pollInterval(Duration.ofMillis(250))
			.until(() -> http.placeOrder(refusedKey, refusedBody), (response) -> response.statusCode() == 202);
		assertThat(retried.headers().firstValue("Idempotent-Replayed")).isEmpty();
		assertThat(refusals("orders_in_flight")).isPositive();
	}

	@Test
	void refusesChangeOrdersPastTheBoundButReplaysOneAcceptedEarlier() {
		Http http = customer("c-change");
		HttpResponse<String> created = http.placeOrder(key(), order("c-change"));
		String instanceId = json(created).get("instanceId").stringValue();
		publish(json(created).get("orderId").stringValue(), OrderStatus.DONE);
		await().atMost(DEADLINE).until(() -> this.admission.inFlight() == 0);
		String updateKey = key();
		String update = "{\"type\": \"UPDATE\", \"storageGb\": 100}";
		HttpResponse<String> updated = http.placeInstanceOrder(instanceId, updateKey, null, update);
		assertThat(updated.statusCode()).isEqualTo(202);
		for (int i = 1; i < IN_FLIGHT; i++) {
			assertThat(http.placeOrder(key(), order("c-change")).statusCode()).isEqualTo(202);
		}
		await().atMost(DEADLINE).until(() -> this.admission.inFlight() >= IN_FLIGHT);

		HttpResponse<String> refused = fast(() -> http.placeInstanceOrder(instanceId, key(), null,
				"{\"type\": \"DELETE\", \"confirm\": \"" + instanceId + "\"}"));
		HttpResponse<String> replay = fast(() -> http.placeInstanceOrder(instanceId, updateKey, null, update));

		assertOverloaded(refused, "/v1/instances/" + instanceId + "/orders");
		assertThat(json(refused).get("bound").stringValue()).isEqualTo("orders-in-flight");
		assertThat(replay.statusCode()).isEqualTo(202);
		assertThat(replay.headers().firstValue("Idempotent-Replayed")).hasValue("true");
		assertThat(json(replay).get("orderId").stringValue()).isEqualTo(json(updated).get("orderId").stringValue());
	}

	@Test
	void refusesCreatesAtOnceWhileThePlacementQueueIsFull() throws Exception {
		Http http = customer("c-queue");
		List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
		HttpResponse<String> refused;
		try (Connection blocker = this.dataSource.getConnection()) {
			blocker.setAutoCommit(false);
			try (Statement statement = blocker.createStatement()) {
				// The writer's INSERT INTO orders waits for this lock (reads go on), so
				// the first order is written and the next one queued until it ends.
				statement.execute("LOCK TABLE orders IN EXCLUSIVE MODE");
			}
			held.add(http.placeOrderAsync(key(), order("c-queue")));
			await().atMost(DEADLINE).until(() -> waitingForALock() > 0);
			for (int i = 1; i < QUEUED; i++) {
				held.add(http.placeOrderAsync(key(), order("c-queue")));
			}
			await().atMost(DEADLINE).until(() -> waiting() == QUEUED);

			refused = fast(() -> http.placeOrder(key(), order("c-queue")));

			blocker.rollback();
		}

		assertOverloaded(refused, "/v1/orders");
		JsonNode problem = json(refused);
		assertThat(problem.get("bound").stringValue()).isEqualTo("placement-queue");
		assertThat(problem.get("waiting").asLong()).isEqualTo(QUEUED);
		assertThat(problem.get("limit").asLong()).isEqualTo(QUEUED);
		assertThat(refusals("placement_queue")).isPositive();
		for (CompletableFuture<HttpResponse<String>> response : held) {
			assertThat(response.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(202);
		}
	}

	@Test
	void answersAClientOverItsRateLimitWith429EvenWhileThePipelineIsBehind() {
		Http filler = customer("c-filler");
		for (int i = 0; i < IN_FLIGHT; i++) {
			assertThat(filler.placeOrder(key(), order("c-filler")).statusCode()).isEqualTo(202);
		}
		Http http = customer("c-eager");
		List<Integer> statuses = new ArrayList<>();
		HttpResponse<String> limited = null;
		for (int i = 0; i < 30 && limited == null; i++) {
			HttpResponse<String> response = fast(() -> http.placeOrder(key(), order("c-eager")));
			statuses.add(response.statusCode());
			if (response.statusCode() == 429) {
				limited = response;
			}
		}

		assertThat(statuses).containsOnly(503, 429);
		assertThat(limited).isNotNull();
		assertThat(limited.headers().firstValue("Retry-After")).isPresent();
		assertThat(json(limited).get("type").stringValue())
			.isEqualTo("https://dbaas.example/problems/too-many-requests");
	}

	private static void assertOverloaded(HttpResponse<String> response, String path) {
		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.headers().firstValue("Retry-After")).hasValue("2");
		JsonNode problem = json(response);
		assertThat(problem.get("type").stringValue()).isEqualTo(SERVICE_UNAVAILABLE);
		assertThat(problem.get("status").asInt()).isEqualTo(503);
		assertThat(problem.get("title").stringValue()).isEqualTo("Service temporarily unavailable");
		assertThat(problem.get("instance").stringValue()).isEqualTo(path);
	}

	/** Sends a request that must be answered well before any timeout. */
	private static HttpResponse<String> fast(Supplier<HttpResponse<String>> request) {
		long start = System.nanoTime();
		HttpResponse<String> response = request.get();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(FAST);
		return response;
	}

	private Http customer(String customer) {
		return new Http(this.port, TestTokens.customer(customer));
	}

	private long storedOrders(String customer) {
		return this.jdbc.sql("SELECT count(*) FROM orders WHERE customer_id = :customer")
			.param("customer", customer)
			.query(Long.class)
			.single();
	}

	private long waitingForALock() {
		return this.jdbc.sql("SELECT count(*) FROM pg_locks WHERE NOT granted").query(Long.class).single();
	}

	private double waiting() {
		return this.meters.get("orders.placement.waiting").gauge().value();
	}

	private double refusals(String reason) {
		return this.meters.get("intake.orders.refused").tag("reason", reason).counter().count();
	}

	private void publish(String orderId, OrderStatus status) {
		OrderStatusChanged event = OrderStatusChanged.newBuilder()
			.setEventId(UUID.randomUUID().toString())
			.setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
			.setOrderId(orderId)
			.setCustomerId("c-any")
			.setStatus(status)
			.setSequence(SEQUENCE.incrementAndGet())
			.build();
		try {
			this.statuses
				.send(new ProducerRecord<>(this.orderStatusTopic, orderId, new AvroEventSerializer().encode(event)))
				.get(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("status record not sent", ex);
		}
	}

	private static String order(String customer) {
		return Orders.aValidOrder().withCustomerId(customer).toJson();
	}

	private static String key() {
		return UUID.randomUUID().toString();
	}

}
