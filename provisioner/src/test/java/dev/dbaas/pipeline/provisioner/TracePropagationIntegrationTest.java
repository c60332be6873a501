package dev.dbaas.pipeline.provisioner;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.dbaas.pipeline.events.OrderPlaced;
import dev.dbaas.pipeline.provisioner.support.Orders;
import dev.dbaas.pipeline.schemas.AvroEventSerializer;
import dev.dbaas.pipeline.testkit.PipelineEnvironment;
import dev.dbaas.pipeline.testkit.RealInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The trace of an order travels through the provisioner: every status event of an order
 * carries a W3C {@code traceparent} header with the trace id of the {@code OrderPlaced}
 * record that placed it, or, when that record carried none, one trace id of its own; the
 * provisioner's log lines about the order carry its id and that trace id.
 */
@RealInfrastructure
@SpringBootTest(properties = { "provisioner.simulation.step-latency=10ms", "provisioner.workers.poll-interval=20ms",
		"provisioner.outbox.poll-interval=20ms" })
@DirtiesContext
class TracePropagationIntegrationTest {

	static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	static final ListAppender<ILoggingEvent> logs = new ListAppender<>();

	/**
	 * After the context started: Spring Boot resets the logging configuration at start.
	 */
	@BeforeEach
	void captureLogs() {
		logs.start();
		provisionerLogger().addAppender(logs);
	}

	@AfterAll
	static void stopCapturingLogs() {
		provisionerLogger().detachAppender(logs);
	}

	@Test
	void statusEventsContinueTheTraceOfThePlacedOrder(PipelineEnvironment env) {
		OrderPlaced order = Orders.anOrderPlaced().build();

		place(env, order, "00-" + TRACE_ID + "-00f067aa0ba902b7-01");

		List<String> traceParents = awaitStatusEventTraceParents(env, order.getOrderId());
		assertThat(traceParents).hasSize(7)
			.allSatisfy((traceParent) -> assertThat(traceParent).matches("00-" + TRACE_ID + "-[0-9a-f]{16}-0[01]"));
	}

	@Test
	void logLinesAboutAnOrderCarryItsIdAndItsTraceId(PipelineEnvironment env) {
		OrderPlaced order = Orders.anOrderPlaced().build();

		place(env, order, "00-" + TRACE_ID + "-00f067aa0ba902b7-01");

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			List<ILoggingEvent> aboutOrder = List.copyOf(logs.list)
				.stream()
				.filter((event) -> event.getFormattedMessage().contains(order.getOrderId()))
				.toList();
			assertThat(aboutOrder).extracting(ILoggingEvent::getFormattedMessage)
				.anySatisfy((line) -> assertThat(line).startsWith("Accepted order"))
				.anySatisfy((line) -> assertThat(line).contains("DONE after"));
			assertThat(aboutOrder).allSatisfy(
					(event) -> assertThat(event.getMDCPropertyMap()).containsEntry("orderId", order.getOrderId())
						.containsEntry("traceId", TRACE_ID));
		});
	}

	@Test
	void anOrderPlacedWithoutTraceContextGetsOneTraceOfItsOwn(PipelineEnvironment env) {
		OrderPlaced order = Orders.anOrderPlaced().build();

		place(env, order, null);

		List<String> traceIds = awaitStatusEventTraceParents(env, order.getOrderId()).stream()
			.map((traceParent) -> traceParent.split("-")[1])
			.distinct()
			.toList();
		assertThat(traceIds).singleElement().asString().matches("[0-9a-f]{32}").isNotEqualTo(TRACE_ID);
	}

	private static Logger provisionerLogger() {
		return (Logger) LoggerFactory.getLogger("dev.dbaas.pipeline.provisioner");
	}

	private static void place(PipelineEnvironment env, OrderPlaced order, String traceParent) {
		@SuppressWarnings({ "unchecked", "rawtypes" })
		Serializer<OrderPlaced> values = (Serializer) new AvroEventSerializer();
		try (KafkaProducer<String, OrderPlaced> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, env.bootstrapServers()), new StringSerializer(),
				values)) {
			ProducerRecord<String, OrderPlaced> record = new ProducerRecord<>(env.orderPlaced().name(),
					order.getOrderId(), order);
			if (traceParent != null) {
				record.headers().add("traceparent", traceParent.getBytes(StandardCharsets.US_ASCII));
			}
			producer.send(record);
		}
	}

	/**
	 * The traceparent headers of an order's seven status events (PROCESSING x6, DONE).
	 */
	private static List<String> awaitStatusEventTraceParents(PipelineEnvironment env, String orderId) {
		List<String> traceParents = new CopyOnWriteArrayList<>();
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, env.bootstrapServers(), ConsumerConfig.GROUP_ID_CONFIG,
						"trace-follower-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
						ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
						ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
			consumer.subscribe(List.of(env.orderStatus().name()));
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
					if (orderId.equals(record.key())) {
						Header header = record.headers().lastHeader("traceparent");
						traceParents
							.add((header != null) ? new String(header.value(), StandardCharsets.US_ASCII) : "none");
					}
				}
				return traceParents.size() >= 7;
			});
		}
		return traceParents;
	}

}
