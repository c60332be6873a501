package dev.dbaas.pipeline.intake;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import dev.dbaas.pipeline.events.OrderPlaced;
import dev.dbaas.pipeline.intake.support.Http;
import dev.dbaas.pipeline.intake.support.OrderPlacedTopic;
import dev.dbaas.pipeline.testkit.RealInfrastructure;
import dev.dbaas.pipeline.testkit.fixtures.Orders;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.dbaas.pipeline.intake.support.Http.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * An order's trace starts at the intake: the request runs in a trace (the caller's, when
 * it sent a W3C {@code traceparent}), the line that logs the accepted order carries the
 * order's id and the trace id in the MDC, and the {@code OrderPlaced} record carries the
 * same trace id in its {@code traceparent} header for the provisioner to continue.
 *
 * <p>
 * No trace of its own is sampled here: sampling decides which spans are exported, while
 * every order has a trace id in its log lines and its record.
 */
@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "management.tracing.sampling.probability=0")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TracePropagationIntegrationTest {

	static final String CALLER_TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	final CapturedLines lines = new CapturedLines();

	@LocalServerPort
	int port;

	@Value("${spring.kafka.bootstrap-servers}")
	String bootstrapServers;

	@Value("${pipeline.topics.order-placed}")
	String orderPlacedTopic;

	@Autowired
	MeterRegistry meters;

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

	/**
	 * After the context started: Spring Boot resets the logging configuration at start.
	 */
	@BeforeEach
	void captureLogs() {
		this.lines.start();
		intakeLogger().addAppender(this.lines);
	}

	@AfterEach
	void stopCapturingLogs() {
		intakeLogger().detachAppender(this.lines);
	}

	@Test
	void orderPlacedRecordCarriesTheTraceIdOfTheLineThatLoggedTheOrder() {
		HttpResponse<String> response = this.http.placeOrder(UUID.randomUUID().toString(),
				Orders.aValidOrder().withCustomerId("c-traced").toJson());
		assertThat(response.statusCode()).isEqualTo(202);
		String orderId = json(response).get("orderId").stringValue();

		Line accepted = this.lines.about(orderId)
			.stream()
			.filter((line) -> line.message().startsWith("Accepted order " + orderId))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no line logged the accepted order: " + this.lines.all()));
		assertThat(accepted.mdc()).containsEntry("orderId", orderId);
		assertThat(accepted.mdc().get("traceId")).as("traceId of %s", accepted).matches("[0-9a-f]{32}");

		assertThat(traceParentOf(orderId)).matches("00-" + accepted.mdc().get("traceId") + "-[0-9a-f]{16}-00");
	}

	@Test
	void continuesTheTraceOfACallerThatSentATraceparent() {
		HttpResponse<String> response = this.http.placeOrderInTrace("00-" + CALLER_TRACE_ID + "-00f067aa0ba902b7-01",
				UUID.randomUUID().toString(), Orders.aValidOrder().withCustomerId("c-traced-caller").toJson());
		assertThat(response.statusCode()).isEqualTo(202);
		String orderId = json(response).get("orderId").stringValue();

		assertThat(this.lines.about(orderId)).isNotEmpty()
			.allSatisfy((line) -> assertThat(line.mdc()).containsEntry("orderId", orderId)
				.containsEntry("traceId", CALLER_TRACE_ID));
		assertThat(traceParentOf(orderId)).matches("00-" + CALLER_TRACE_ID + "-[0-9a-f]{16}-01")
			.doesNotContain("00f067aa0ba902b7");
	}

	/**
	 * Orders that arrive together are written in one transaction by a writer thread; each
	 * record must still carry the trace of its own request, not the writer's or another
	 * request's.
	 */
	@Test
	void ordersWrittenTogetherKeepTheTracesOfTheirOwnRequests() {
		int orders = 24;
		ExecutorService callers = Executors.newFixedThreadPool(orders);
		try {
			Map<String, CompletableFuture<HttpResponse<String>>> byTraceId = new LinkedHashMap<>();
			for (int i = 0; i < orders; i++) {
				String traceId = UUID.randomUUID().toString().replace("-", "");
				byTraceId
					.put(traceId,
							CompletableFuture.supplyAsync(
									() -> this.http.placeOrderInTrace("00-" + traceId + "-00f067aa0ba902b7-01",
											UUID.randomUUID().toString(),
											Orders.aValidOrder().withCustomerId("c-traced-together").toJson()),
									callers));
			}

			byTraceId.forEach((traceId, answer) -> {
				HttpResponse<String> response = answer.join();
				assertThat(response.statusCode()).isEqualTo(202);
				assertThat(traceParentOf(json(response).get("orderId").stringValue()))
					.matches("00-" + traceId + "-[0-9a-f]{16}-01");
			});
		}
		finally {
			callers.shutdownNow();
		}
		assumeThat(this.meters.get("orders.placement.group.size").summary().max())
			.as("largest group written; 1 means the orders happened to arrive one by one")
			.isGreaterThan(1);
	}

	private String traceParentOf(String orderId) {
		List<ConsumerRecord<String, OrderPlaced>> records = await().atMost(Duration.ofSeconds(30))
			.until(() -> this.topic.recordsFor(orderId), (found) -> !found.isEmpty());
		Header header = records.get(0).headers().lastHeader("traceparent");
		assertThat(header).as("traceparent header of the OrderPlaced record").isNotNull();
		return new String(header.value(), StandardCharsets.US_ASCII);
	}

	private static Logger intakeLogger() {
		return (Logger) LoggerFactory.getLogger("dev.dbaas.pipeline.intake");
	}

	/**
	 * A log line as it was written: the MDC is copied on the logging thread.
	 */
	record Line(String logger, String message, Map<String, String> mdc) {
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

		List<Line> about(String orderId) {
			return this.lines.stream()
				.filter((line) -> orderId.equals(line.mdc().get("orderId")) || line.message().contains(orderId))
				.toList();
		}

	}

}
