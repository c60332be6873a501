package dev.dbaas.pipeline.status.projection.messaging;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import dev.dbaas.pipeline.contract.kafka.PipelineTopics;
import dev.dbaas.pipeline.events.OrderPlaced;
import dev.dbaas.pipeline.events.OrderStatusChanged;
import dev.dbaas.pipeline.status.WireEvents;
import dev.dbaas.pipeline.status.order.InvalidOrderEventException;
import dev.dbaas.pipeline.status.order.OrderEvent;
import dev.dbaas.pipeline.status.order.OrderId;
import dev.dbaas.pipeline.status.order.OrderStatus;
import dev.dbaas.pipeline.status.order.ProjectedOrder;
import dev.dbaas.pipeline.status.query.OrderViews;
import dev.dbaas.pipeline.tail.deadletters.DeadLetterCommand;
import dev.dbaas.pipeline.testkit.RealInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import static dev.dbaas.pipeline.status.order.OrderEvents.T0;
import static dev.dbaas.pipeline.status.order.OrderEvents.aStatusChange;
import static dev.dbaas.pipeline.status.order.OrderEvents.anOrderPlaced;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 20's dead-letter round trip on real Kafka and PostgreSQL: a consumer rule refuses
 * some orders' events, which the real {@link DeadLetters} sends to both dead-letter
 * topics; once the rule is switched off, ops re-drive them with the real tool
 * ({@code event-tail dead-letters redrive}, in-process), and each order is in the view
 * exactly as if its events had never been dead-lettered. A second re-drive of the same
 * offsets is absorbed, and a record that does not decode is refused by the tool.
 */
@RealInfrastructure
// A group of its own: the cached contexts of other test classes share the broker, and a
// rebuild
// test (which needs its group without other members) must not find this context's
// consumers in it.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.kafka.consumer.group-id=status-service-redrive-test")
class DeadLetterRedriveIntegrationTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final String RULE = "test rule: order refused while the rule is on";

	@Autowired
	OrderViews views;

	@Autowired
	PipelineTopics topics;

	@Autowired
	MeterRegistry meters;

	@Autowired
	SwitchableRule rule;

	@Value("${spring.kafka.bootstrap-servers}")
	String bootstrapServers;

	@AfterEach
	void switchTheRuleOff() {
		this.rule.refused.clear();
	}

	@Test
	void deadLettersOfARuleSwitchedOffAreReDrivenAndAppliedExactlyOnce() {
		List<String> refused = List.of(newOrderId(), newOrderId(), newOrderId());
		String accepted = newOrderId();
		this.rule.refused.addAll(refused);
		Map<String, List<OrderEvent>> lifecycles = new java.util.LinkedHashMap<>();
		for (String orderId : refused) {
			lifecycles.put(orderId, lifecycle(orderId));
		}
		lifecycles.put(accepted, lifecycle(accepted));
		String undecodableKey = refused.get(0);
		try (WireEvents wire = new WireEvents(this.bootstrapServers, this.topics)) {
			lifecycles.values().forEach(wire::publish);
			wire.send(this.topics.orderStatus(), undecodableKey, "still no avro".getBytes(StandardCharsets.UTF_8));
			wire.flush();
		}

		// While the rule is on: the accepted order is applied, the refused ones are
		// dead-lettered with the rule's reason, every one of their 4 events.
		awaitProjected(accepted, lifecycles.get(accepted));
		List<ConsumerRecord<String, byte[]>> placedLetters = awaitDeadLetters(this.topics.orderPlacedDlt(),
				Set.copyOf(refused), 3);
		List<ConsumerRecord<String, byte[]>> statusLetters = awaitDeadLetters(this.topics.orderStatusDlt(),
				Set.copyOf(refused), 3 * 3 + 1);
		List<ConsumerRecord<String, byte[]>> ruleLetters = new ArrayList<>(statusLetters);
		ruleLetters.removeIf((letter) -> !reason(letter).startsWith(RULE));
		ConsumerRecord<String, byte[]> undecodable = statusLetters.stream()
			.filter((letter) -> !reason(letter).startsWith(RULE))
			.collect(onlyOne());
		assertThat(reason(undecodable)).startsWith("NOT_SINGLE_OBJECT_ENCODED");
		assertThat(placedLetters).allSatisfy((letter) -> assertThat(reason(letter)).startsWith(RULE));
		assertThat(ruleLetters).hasSize(9);
		refused.forEach((orderId) -> assertThat(this.views.find(OrderId.of(orderId))).isEmpty());

		// The rule is fixed (switched off); the records that still do not decode are
		// refused by the tool, which then re-drives nothing of the selection.
		this.rule.refused.clear();
		Run refusedRun = redrive(this.topics.orderStatusDlt(), concat(ruleLetters, List.of(undecodable)));
		assertThat(refusedRun.status()).as(refusedRun.err()).isEqualTo(DeadLetterCommand.REFUSED);
		assertThat(refusedRun.err()).contains("still does not decode").contains("nothing was re-driven");
		assertThat(refusedRun.out()).isEmpty();

		double appliedBefore = events("applied");
		Run placedRun = redrive(this.topics.orderPlacedDlt(), placedLetters);
		Run statusRun = redrive(this.topics.orderStatusDlt(), ruleLetters);
		assertThat(placedRun.status()).as(placedRun.err()).isEqualTo(DeadLetterCommand.DONE);
		assertThat(statusRun.status()).as(statusRun.err()).isEqualTo(DeadLetterCommand.DONE);
		assertThat(statusRun.err()).contains("re-drove 9 record(s)");

		// Each order as if it had never been dead-lettered: status, details, history.
		refused.forEach((orderId) -> awaitProjected(orderId, lifecycles.get(orderId)));
		refused.forEach((orderId) -> {
			assertThat(this.views.find(OrderId.of(orderId)).orElseThrow().status()).isEqualTo(OrderStatus.DONE);
			assertThat(this.views.history(OrderId.of(orderId)).orElseThrow().transitions()).hasSize(4);
		});
		await().atMost(TIMEOUT).until(() -> events("applied") >= appliedBefore + 12);
		assertThat(events("applied")).isEqualTo(appliedBefore + 12);

		// Re-driving the same offsets again changes nothing: every event is absorbed.
		double duplicatesBefore = events("duplicate");
		Run again = redrive(this.topics.orderStatusDlt(), ruleLetters);
		Run placedAgain = redrive(this.topics.orderPlacedDlt(), placedLetters);
		assertThat(again.status()).as(again.err()).isEqualTo(DeadLetterCommand.DONE);
		assertThat(placedAgain.status()).as(placedAgain.err()).isEqualTo(DeadLetterCommand.DONE);
		await().atMost(TIMEOUT).until(() -> events("duplicate") >= duplicatesBefore + 12);
		assertThat(events("applied")).isEqualTo(appliedBefore + 12);
		for (String orderId : refused) {
			assertThat(this.views.find(OrderId.of(orderId)))
				.contains(ProjectedOrder.fold(lifecycles.get(orderId)).get(OrderId.of(orderId)).view());
			assertThat(this.views.history(OrderId.of(orderId)).orElseThrow().transitions()).hasSize(4);
		}
	}

	private static List<OrderEvent> lifecycle(String orderId) {
		return List.of(anOrderPlaced(orderId).by("c-redrive").at(T0).build(),
				aStatusChange(orderId, OrderStatus.PROCESSING, 1).by("c-redrive").step("CREATE_INSTANCE").build(),
				aStatusChange(orderId, OrderStatus.PROCESSING, 2).by("c-redrive").step("CONFIGURE_FIREWALL").build(),
				aStatusChange(orderId, OrderStatus.DONE, 3).by("c-redrive").instance("db-r.example.net", 5432).build());
	}

	private void awaitProjected(String orderId, List<OrderEvent> lifecycle) {
		ProjectedOrder expected = ProjectedOrder.fold(lifecycle).get(OrderId.of(orderId));
		await().atMost(TIMEOUT).untilAsserted(() -> {
			assertThat(this.views.find(OrderId.of(orderId))).contains(expected.view());
			assertThat(this.views.history(OrderId.of(orderId))).contains(expected.history());
		});
	}

	private double events(String outcome) {
		return this.meters.get("status.projection.events").tag("outcome", outcome).counter().count();
	}

	/** Runs {@code event-tail dead-letters redrive} for exactly these dead letters. */
	private Run redrive(String deadLetterTopic, List<ConsumerRecord<String, byte[]>> letters) {
		String offsets = letters.stream()
			.map((letter) -> letter.partition() + ":" + letter.offset())
			.collect(Collectors.joining(","));
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int status;
		try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
				PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
			status = DeadLetterCommand.run(List.of("redrive", "--bootstrap-servers=" + this.bootstrapServers,
					"--topic=" + deadLetterTopic, "--offsets=" + offsets), outStream, errStream);
		}
		return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

	/** The dead letters of these orders, once there are {@code expected} of them. */
	private List<ConsumerRecord<String, byte[]>> awaitDeadLetters(String topic, Set<String> keys, int expected) {
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers,
				ConsumerConfig.GROUP_ID_CONFIG, "dlt-reader-" + UUID.randomUUID(),
				ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
				StringDeserializer.class, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
			consumer.subscribe(List.of(topic));
			await().atMost(TIMEOUT).until(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach((record) -> {
					if (keys.contains(record.key())) {
						records.add(record);
					}
				});
				return records.size() >= expected;
			});
		}
		assertThat(records).hasSize(expected);
		return records;
	}

	private static String reason(ConsumerRecord<?, ?> record) {
		Header header = record.headers().lastHeader("pipeline_dlt-reason");
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : "";
	}

	private static <T> List<T> concat(List<T> first, List<T> second) {
		List<T> all = new ArrayList<>(first);
		all.addAll(second);
		return all;
	}

	private static <T> java.util.stream.Collector<T, ?, T> onlyOne() {
		return Collectors.collectingAndThen(Collectors.toList(), (list) -> {
			assertThat(list).hasSize(1);
			return list.get(0);
		});
	}

	private static String newOrderId() {
		return UUID.randomUUID().toString();
	}

	private record Run(int status, String out, String err) {

	}

	/**
	 * A consumer rule for the test: refuses every event of the orders in {@link #refused}
	 * as invalid, as a rule of the view would, until the test empties the set.
	 */
	static class SwitchableRule extends AvroEventMapper {

		final Set<String> refused = ConcurrentHashMap.newKeySet();

		@Override
		OrderEvent.Placed placed(OrderPlaced event) {
			refuseIfRuled(event.getOrderId());
			return super.placed(event);
		}

		@Override
		OrderEvent.StatusChanged statusChanged(OrderStatusChanged event) {
			refuseIfRuled(event.getOrderId());
			return super.statusChanged(event);
		}

		private void refuseIfRuled(String orderId) {
			if (this.refused.contains(orderId)) {
				throw new InvalidOrderEventException(RULE);
			}
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class RuleConfiguration {

		@Bean
		@Primary
		SwitchableRule switchableRule() {
			return new SwitchableRule();
		}

	}

}
