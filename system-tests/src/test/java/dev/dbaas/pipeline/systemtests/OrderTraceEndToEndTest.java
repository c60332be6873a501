package dev.dbaas.pipeline.systemtests;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import dev.dbaas.pipeline.devstack.DevStack;
import dev.dbaas.pipeline.devstack.DevStackOptions;
import dev.dbaas.pipeline.schemas.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What one order leaves behind in records and logs. It can be followed through the whole
 * pipeline by one trace id: the log lines about the order in order-intake, the
 * provisioner and status-service carry its {@code orderId} and one {@code traceId} in the
 * MDC, and that trace id is the one in the W3C {@code traceparent} header of the order's
 * records on both topics. And the admin credential generated for its database appears in
 * none of its records, log lines or API responses.
 */
class OrderTraceEndToEndTest {

	/** status-service logs a projected status event at DEBUG only. */
	private static final String STATUS_PROJECTION_LOGGER = "dev.dbaas.pipeline.status.projection.messaging.OrderEventListeners";

	private static final Map<String, String> SERVICES = Map.of("order-intake", "dev.dbaas.pipeline.intake.",
			"provisioner", "dev.dbaas.pipeline.provisioner.", "status-service", "dev.dbaas.pipeline.status.");

	private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-[0-9a-f]{16}-0[01]");

	@TempDir
	static Path dataDir;

	static DevStack stack;

	static PipelineClient client;

	static final CapturedLines lines = new CapturedLines();

	static Level statusProjectionLevel;

	@BeforeAll
	static void startPipeline() {
		// The stack runs with Spring Boot's logging system off, so logback.xml's
		// configuration, and this appender, stay as they are while the services start.
		lines.start();
		rootLogger().addAppender(lines);
		statusProjectionLevel = statusProjectionLogger().getLevel();
		statusProjectionLogger().setLevel(Level.DEBUG);
		stack = DevStack.start(DevStackOptions.defaults()
			.withDataDir(dataDir)
			.withPorts(0, 0, 0, 0, 0)
			.withServiceProperties(
					Map.of("provisioner.backend", "simulation", "provisioner.simulation.step-latency", "20ms")));
		client = new PipelineClient(stack);
	}

	@AfterAll
	static void stopPipeline() {
		try {
			if (stack != null) {
				stack.close();
			}
		}
		finally {
			rootLogger().detachAppender(lines);
			statusProjectionLogger().setLevel(statusProjectionLevel);
		}
	}

	@Test
	void logLinesOfOneOrderInEveryServiceShareTheTraceIdOfItsRecords() {
		PipelineClient.Response placed = client.placeOrder(PipelineClient.exampleOrder("DE-WEST-1"));
		assertThat(placed.status()).as(placed.raw()).isEqualTo(202);
		String orderId = placed.text("orderId");
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(client.order(orderId).text("status")).isEqualTo("DONE"));

		List<String> recordTraceIds = traceIdsOfRecords(orderId);
		assertThat(recordTraceIds).as("trace ids in the traceparent headers of the order's records")
			.hasSizeGreaterThanOrEqualTo(8)
			.doesNotContainNull()
			.containsOnly(recordTraceIds.get(0));
		String traceId = recordTraceIds.get(0);

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			List<Line> aboutOrder = lines.about(orderId);
			SERVICES.forEach(
					(service, loggers) -> assertThat(aboutOrder).as("log lines of %s about order %s", service, orderId)
						.anySatisfy((line) -> assertThat(line.logger()).startsWith(loggers)));
			assertThat(aboutOrder).allSatisfy((line) -> assertThat(line.mdc()).as(line.toString())
				.containsEntry("orderId", orderId)
				.containsEntry("traceId", traceId));
		});
	}

	@Test
	void theGeneratedAdminCredentialAppearsInNoRecordLogLineOrResponseOfTheOrder() {
		PipelineClient.Response placed = client.placeOrder(PipelineClient.exampleOrder("DE-NORTH-1"));
		assertThat(placed.status()).as(placed.raw()).isEqualTo(202);
		String orderId = placed.text("orderId");
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(client.order(orderId).text("status")).isEqualTo("DONE"));
		String secret = JdbcClient.create(stack.postgres().dataSource("provisioner"))
			.sql("SELECT value FROM simulated_secret WHERE order_id = :orderId AND name = 'admin'")
			.param("orderId", orderId)
			.query(String.class)
			.single();
		assertThat(secret).as("the simulated secret store holds a generated credential")
			.hasSizeGreaterThanOrEqualTo(24);

		List<ConsumerRecord<String, byte[]>> records = recordsOf(orderId);
		assertThat(records).as("the order's records on both topics").hasSizeGreaterThanOrEqualTo(8);
		assertThat(records).allSatisfy((record) -> {
			assertThat(latin1(record.value())).as("value of %s", record).doesNotContain(secret);
			record.headers()
				.forEach((header) -> assertThat(latin1(header.value())).as("header %s of %s", header.key(), record)
					.doesNotContain(secret));
		});
		assertThat(lines.all()).as("every log line written while the stack ran").isNotEmpty().allSatisfy((line) -> {
			assertThat(line.message()).doesNotContain(secret);
			assertThat(line.mdc().values()).noneSatisfy((value) -> assertThat(value).contains(secret));
		});
		assertThat(client.order(orderId).raw()).as("the order").contains(orderId).doesNotContain(secret);
		assertThat(client.history(orderId).raw()).as("its history")
			.contains("CREATE_ADMIN_CREDENTIALS")
			.doesNotContain(secret);
	}

	private static String latin1(byte[] bytes) {
		return (bytes != null) ? new String(bytes, StandardCharsets.ISO_8859_1) : "";
	}

	private static List<String> traceIdsOfRecords(String orderId) {
		return recordsOf(orderId).stream().map(OrderTraceEndToEndTest::traceIdOf).toList();
	}

	private static List<ConsumerRecord<String, byte[]>> recordsOf(String orderId) {
		List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers(),
						ConsumerConfig.GROUP_ID_CONFIG, "trace-follower-" + UUID.randomUUID(),
						ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
						ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
						ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
			consumer.subscribe(List.of(Topics.ORDER_PLACED.name(), Topics.ORDER_STATUS.name()));
			// One OrderPlaced, six PROCESSING steps and DONE.
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
					if (orderId.equals(record.key())) {
						records.add(record);
					}
				}
				return records.size() >= 8;
			});
		}
		return records;
	}

	private static String traceIdOf(ConsumerRecord<?, ?> record) {
		Header header = record.headers().lastHeader("traceparent");
		if (header == null) {
			return null;
		}
		String value = new String(header.value(), StandardCharsets.US_ASCII);
		Matcher traceparent = TRACEPARENT.matcher(value);
		return traceparent.matches() ? traceparent.group(1) : "malformed: " + value;
	}

	private static Logger rootLogger() {
		return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
	}

	private static Logger statusProjectionLogger() {
		return (Logger) LoggerFactory.getLogger(STATUS_PROJECTION_LOGGER);
	}

	/**
	 * A log line as it was written: the MDC is copied on the logging thread.
	 */
	record Line(String logger, String message, Map<String, String> mdc) {

		boolean isAbout(String orderId) {
			return orderId.equals(this.mdc.get("orderId")) || this.message.contains(orderId);
		}

	}

	static final class CapturedLines extends AppenderBase<ILoggingEvent> {

		private final List<Line> lines = new CopyOnWriteArrayList<>();

		@Override
		protected void append(ILoggingEvent event) {
			this.lines.add(new Line(event.getLoggerName(), event.getFormattedMessage(),
					Map.copyOf(event.getMDCPropertyMap())));
		}

		List<Line> all() {
			return List.copyOf(this.lines);
		}

		/**
		 * The pipeline's own lines about an order (framework lines carry no order
		 * context).
		 */
		List<Line> about(String orderId) {
			return this.lines.stream()
				.filter((line) -> line.logger().startsWith("dev.dbaas.pipeline.") && line.isAbout(orderId))
				.toList();
		}

	}

}
