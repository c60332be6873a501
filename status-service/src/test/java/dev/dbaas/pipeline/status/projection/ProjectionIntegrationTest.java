package dev.dbaas.pipeline.status.projection;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;

import dev.dbaas.pipeline.contract.kafka.PipelineTopics;
import dev.dbaas.pipeline.events.OrderStatusChanged;
import dev.dbaas.pipeline.security.test.TestTokens;
import dev.dbaas.pipeline.status.WireEvents;
import dev.dbaas.pipeline.status.order.OrderEvent;
import dev.dbaas.pipeline.status.order.OrderEvents;
import dev.dbaas.pipeline.status.order.OrderHistories;
import dev.dbaas.pipeline.status.order.OrderId;
import dev.dbaas.pipeline.status.order.OrderStatus;
import dev.dbaas.pipeline.status.order.OrderView;
import dev.dbaas.pipeline.status.order.ProjectedOrder;
import dev.dbaas.pipeline.status.query.OrderViews;
import dev.dbaas.pipeline.testkit.RealInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static dev.dbaas.pipeline.status.order.OrderEvents.T0;
import static dev.dbaas.pipeline.status.order.OrderEvents.aStatusChange;
import static dev.dbaas.pipeline.status.order.OrderEvents.anOrderPlaced;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The projection on real Kafka and PostgreSQL: events in, view out.
 */
@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "management.endpoint.rebuild.access=unrestricted")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProjectionIntegrationTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static WireEvents wire;

	@Autowired
	OrderViews views;

	@Autowired
	OrderProjector projector;

	@Autowired
	PipelineTopics topics;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MeterRegistry meters;

	@LocalServerPort
	int port;

	@Value("${spring.kafka.bootstrap-servers}")
	String bootstrapServers;

	@BeforeAll
	static void noProducerYet() {
		wire = null;
	}

	@AfterAll
	static void closeProducer() {
		if (wire != null) {
			wire.close();
		}
	}

	WireEvents wire() {
		if (wire == null) {
			wire = new WireEvents(this.bootstrapServers, this.topics);
		}
		return wire;
	}

	@Test
	@Order(1)
	void projectsAnOrderThroughItsLifecycle() {
		String id = newOrderId();
		List<OrderEvent> lifecycle = List.of(anOrderPlaced(id).by("c-1").at(T0).build(),
				aStatusChange(id, OrderStatus.PROCESSING, 1).by("c-1").step("CREATE_INSTANCE").build(),
				aStatusChange(id, OrderStatus.PROCESSING, 2).by("c-1").step("CONFIGURE_FIREWALL").build(),
				aStatusChange(id, OrderStatus.DONE, 3).by("c-1").instance("db-1.example.net", 3306).build());

		wire().publish(lifecycle);

		awaitProjection(id, lifecycle);
		OrderView view = this.views.find(OrderId.of(id)).orElseThrow();
		assertThat(view.status()).isEqualTo(OrderStatus.DONE);
		assertThat(view.instance().host()).isEqualTo("db-1.example.net");
		assertThat(view.details().region()).isEqualTo("DE-WEST-1");
		assertThat(this.views.history(OrderId.of(id)).orElseThrow().transitions()).hasSize(4);
	}

	@Test
	@Order(2)
	void convergesWhenEventsArriveOutOfOrderAndTwice() {
		String id = newOrderId();
		OrderEvent placed = anOrderPlaced(id).by("c-2").at(T0).build();
		OrderEvent processing = aStatusChange(id, OrderStatus.PROCESSING, 1).by("c-2").step("CREATE_INSTANCE").build();
		OrderEvent failed = aStatusChange(id, OrderStatus.FAILED, 2).by("c-2")
			.failure("REGION_CAPACITY_EXHAUSTED", "No capacity left")
			.build();

		wire().publish(failed, processing, processing, placed, failed, placed);

		awaitProjection(id, List.of(placed, processing, failed));
		OrderView view = this.views.find(OrderId.of(id)).orElseThrow();
		assertThat(view.status()).isEqualTo(OrderStatus.FAILED);
		assertThat(view.failure().code()).isEqualTo("REGION_CAPACITY_EXHAUSTED");
		assertThat(view.details()).isNotNull();
	}

	@Test
	@Order(3)
	void aPoisonRecordInsideABatchGoesToTheDeadLetterTopicAndTheRestOfTheBatchIsApplied() {
		String before = newOrderId();
		String after = newOrderId();
		String unknownStatus = newOrderId();
		byte[] poison = "definitely not avro".getBytes(StandardCharsets.UTF_8);
		OrderStatusChanged future = WireEvents.toWire(aStatusChange(unknownStatus, OrderStatus.PROCESSING, 1).build());
		future.setStatus(dev.dbaas.pipeline.events.OrderStatus.UNKNOWN);
		double deadLettered = deadLettered(this.topics.orderStatus());

		// One burst on one partition, so the records arrive in one poll.
		wire().send(this.topics.orderStatus(), before,
				WireEvents.toWire(aStatusChange(before, OrderStatus.PROCESSING, 1).build()));
		wire().send(this.topics.orderStatus(), before, poison);
		wire().send(this.topics.orderStatus(), before, future);
		wire().send(this.topics.orderStatus(), before,
				WireEvents.toWire(aStatusChange(after, OrderStatus.PROCESSING, 1).build()));
		wire().flush();

		await().atMost(TIMEOUT).untilAsserted(() -> {
			assertThat(this.views.find(OrderId.of(before))).isPresent();
			assertThat(this.views.find(OrderId.of(after))).isPresent();
		});
		assertThat(this.views.find(OrderId.of(unknownStatus))).isEmpty();
		List<ConsumerRecord<String, byte[]>> dead = readDeadLetters(this.topics.orderStatusDlt(), 2);
		assertThat(dead).anySatisfy((record) -> {
			assertThat(record.value()).isEqualTo(poison);
			assertThat(header(record, "kafka_dlt-original-topic")).isEqualTo(this.topics.orderStatus());
			assertThat(header(record, "kafka_dlt-exception-stacktrace")).contains("NOT_SINGLE_OBJECT_ENCODED");
		});
		assertThat(dead).anySatisfy(
				(record) -> assertThat(header(record, "kafka_dlt-exception-message")).contains("status UNKNOWN"));
		assertThat(deadLettered(this.topics.orderStatus())).isEqualTo(deadLettered + 2);
		assertThat(dead).anySatisfy((record) -> {
			assertThat(record.value()).isEqualTo(poison);
			assertThat(header(record, "pipeline_dlt-reason")).startsWith("NOT_SINGLE_OBJECT_ENCODED");
		});
		assertThat(dead)
			.anySatisfy((record) -> assertThat(header(record, "pipeline_dlt-reason")).startsWith("status UNKNOWN"));
	}

	@Test
	@Order(7)
	void anOrderIdThatBreaksTheContractsRuleGoesToTheDeadLetterTopicWithTheReason() {
		String hostile = "o-" + UUID.randomUUID();
		String good = newOrderId();
		double deadLettered = deadLettered(this.topics.orderPlaced());

		wire().send(this.topics.orderPlaced(), hostile, WireEvents.toWire(anOrderPlaced(hostile).build()));
		wire().send(this.topics.orderPlaced(), hostile, WireEvents.toWire(anOrderPlaced(good).build()));
		wire().flush();

		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(this.views.find(OrderId.of(good))).isPresent());
		assertThat(this.views.find(OrderId.of(hostile))).isEmpty();
		ConsumerRecord<String, byte[]> dead = awaitDeadLetter(this.topics.orderPlacedDlt(), hostile);
		assertThat(header(dead, "kafka_dlt-original-topic")).isEqualTo(this.topics.orderPlaced());
		assertThat(header(dead, "pipeline_dlt-reason")).startsWith("orderId has 38 characters").doesNotContain(hostile);
		assertThat(deadLettered(this.topics.orderPlaced())).isEqualTo(deadLettered + 1);
	}

	@Test
	@Order(4)
	void appliesTheSameEventOnlyOnce() {
		String id = newOrderId();
		OrderEvent placed = anOrderPlaced(id).build();
		OrderEvent processing = aStatusChange(id, OrderStatus.PROCESSING, 1).step("VERIFY").build();

		assertThat(this.projector.project(List.of(placed, processing, placed))).isEqualTo(2);
		assertThat(this.projector.project(List.of(processing, placed))).isZero();
		wire().publish(placed, processing, placed);

		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(
					this.jdbc.sql("SELECT count(*) FROM order_event WHERE event_id IN (?::uuid, ?::uuid)")
						.params(placed.eventId().toString(), processing.eventId().toString())
						.query(Long.class)
						.single())
				.isEqualTo(2));
		assertThat(this.views.history(OrderId.of(id)).orElseThrow().transitions()).hasSize(2);
		assertThat(this.meters.get("status.projection.lag").timer().count()).isPositive();
	}

	@Test
	@Order(5)
	void theDatabaseConvergesLikeTheDomainForGeneratedHistoriesDeliveredInAnyOrderAndBatching() throws Exception {
		Random random = new Random(42);
		ExecutorService twoConsumers = Executors.newFixedThreadPool(2);
		try {
			for (int run = 0; run < 25; run++) {
				String prefix = newOrderId() + "-";
				List<OrderEvent> history = OrderHistories.histories()
					.sample()
					.stream()
					.map((event) -> withPrefix(event, prefix))
					.toList();
				List<OrderEvent> delivered = messUp(history, random);
				List<List<OrderEvent>> batches = new ArrayList<>();
				for (int from = 0; from < delivered.size();) {
					int to = Math.min(delivered.size(), from + 1 + random.nextInt(6));
					batches.add(delivered.subList(from, to));
					from = to;
				}
				// Two consumers apply batches concurrently, as the two listeners do.
				List<Future<Integer>> applied = new ArrayList<>();
				for (List<OrderEvent> batch : batches) {
					applied.add(twoConsumers.submit(() -> this.projector.project(batch)));
				}
				int total = 0;
				for (Future<Integer> future : applied) {
					total += future.get();
				}

				Map<OrderId, ProjectedOrder> expected = ProjectedOrder.fold(history);
				assertThat(total).isEqualTo(history.size());
				for (Map.Entry<OrderId, ProjectedOrder> entry : expected.entrySet()) {
					assertThat(this.views.find(entry.getKey())).contains(entry.getValue().view());
					assertThat(this.views.history(entry.getKey())).contains(entry.getValue().history());
				}
			}
		}
		finally {
			twoConsumers.shutdownNow();
		}
	}

	@Test
	@Order(6)
	void rebuildEmptiesTheViewAndReplaysBothTopics() throws Exception {
		String id = newOrderId();
		List<OrderEvent> lifecycle = List.of(anOrderPlaced(id).build(),
				aStatusChange(id, OrderStatus.DONE, 1).instance("db.example.net", 5432).build());
		wire().publish(lifecycle);
		awaitProjection(id, lifecycle);
		String onlyInDatabase = newOrderId();
		this.projector.project(List.of(anOrderPlaced(onlyInDatabase).build()));

		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/rebuild"))
				.header("Authorization", "Bearer " + TestTokens.ops())
				.POST(HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"partitions\":12", "\"groupId\":\"status-service\"");
		awaitProjection(id, lifecycle);
		assertThat(this.views.find(OrderId.of(onlyInDatabase))).isEmpty();
	}

	private void awaitProjection(String orderId, List<OrderEvent> inOrder) {
		ProjectedOrder expected = ProjectedOrder.fold(inOrder).get(OrderId.of(orderId));
		await().atMost(TIMEOUT).untilAsserted(() -> {
			assertThat(this.views.find(OrderId.of(orderId))).contains(expected.view());
			assertThat(this.views.history(OrderId.of(orderId))).contains(expected.history());
		});
	}

	private double deadLettered(String topic) {
		return this.meters.get("pipeline.dead.letter.records").tag("topic", topic).counter().count();
	}

	private List<ConsumerRecord<String, byte[]>> readDeadLetters(String topic, int atLeast) {
		return readDeadLetters(topic, (records) -> records.size() >= atLeast);
	}

	private ConsumerRecord<String, byte[]> awaitDeadLetter(String topic, String key) {
		return readDeadLetters(topic, (records) -> records.stream().anyMatch((record) -> key.equals(record.key())))
			.stream()
			.filter((record) -> key.equals(record.key()))
			.findFirst()
			.orElseThrow();
	}

	private List<ConsumerRecord<String, byte[]>> readDeadLetters(String topic,
			Predicate<List<ConsumerRecord<String, byte[]>>> enough) {
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers,
				ConsumerConfig.GROUP_ID_CONFIG, "dlt-reader-" + UUID.randomUUID(),
				ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
				StringDeserializer.class, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
			consumer.subscribe(List.of(topic));
			await().atMost(TIMEOUT).until(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
				return enough.test(records);
			});
		}
		return records;
	}

	private static String header(ConsumerRecord<?, ?> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : "";
	}

	private static String newOrderId() {
		return UUID.randomUUID().toString();
	}

	private static List<OrderEvent> messUp(List<OrderEvent> history, Random random) {
		List<OrderEvent> delivered = new ArrayList<>(history);
		history.stream().filter((event) -> random.nextInt(3) == 0).forEach(delivered::add);
		if (random.nextBoolean()) {
			delivered.addAll(history);
		}
		java.util.Collections.shuffle(delivered, random);
		return delivered;
	}

	private static OrderEvent withPrefix(OrderEvent event, String prefix) {
		return OrderEvents.withOrderId(event, OrderId.of(prefix + event.orderId().value()));
	}

}
