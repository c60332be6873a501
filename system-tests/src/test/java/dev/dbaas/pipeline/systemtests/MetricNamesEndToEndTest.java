package dev.dbaas.pipeline.systemtests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import dev.dbaas.pipeline.devstack.DevStack;
import dev.dbaas.pipeline.devstack.DevStackOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The metric names that the alert rules (and the dashboard) use are the names the
 * services expose: after a full order, {@code /actuator/prometheus} of each service is
 * scraped and every metric name in {@code ops/prometheus/alerts.yml} must be there, on
 * the services its {@code job} matchers name. The names are read from the rule
 * expressions, so the test follows the rules as they change.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MetricNamesEndToEndTest {

	/** Series that Prometheus makes itself rather than scraping them. */
	private static final Set<String> SYNTHETIC = Set.of("up", "ALERTS", "ALERTS_FOR_STATE");

	/**
	 * Micrometer registers the Kafka clients' per-partition metrics (the consumer lag) on
	 * its first refresh, a minute after a consumer starts.
	 */
	private static final Duration KAFKA_METRICS_REFRESH = Duration.ofSeconds(120);

	@TempDir
	static Path dataDir;

	static DevStack stack;

	static PipelineClient client;

	static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@BeforeAll
	static void startPipeline() {
		stack = DevStack.start(DevStackOptions.defaults()
			.withDataDir(dataDir)
			.withPorts(0, 0, 0, 0, 0)
			.withServiceProperties(Map.of("provisioner.backend", "simulation", "provisioner.simulation.step-latency",
					"20ms", "provisioner.simulation.region-capacity[DE-NORTH-2]", "0",
					"status.metrics.refresh-interval", "1s")));
		client = new PipelineClient(stack);
	}

	@AfterAll
	static void stopPipeline() {
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	@Order(1)
	void everyMetricTheAlertRulesUseIsExposedAfterAFullOrder() {
		placeAndAwait("DE-WEST-1", "DONE");
		Map<String, Set<String>> jobsByMetric = new TreeMap<>();
		Set<String> anywhere = new TreeSet<>();
		for (AlertRules.Rule rule : AlertRules.load()) {
			PromQl.jobsByMetric(rule.expr()).forEach((metric, jobs) -> jobsByMetric.merge(metric, jobs, union()));
			PromQl.metricNames(rule.expr()).stream().filter(MetricNamesEndToEndTest::scraped).forEach(anywhere::add);
		}
		jobsByMetric.keySet().removeIf((metric) -> !scraped(metric));
		assertThat(anywhere).as("metric names in alerts.yml").isNotEmpty();

		await().atMost(KAFKA_METRICS_REFRESH).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
			Map<String, Set<String>> exposed = scrapeEveryService();
			assertThat(missing(anywhere, jobsByMetric, exposed))
				.as("metric names alerts.yml uses that no service exposes")
				.isEmpty();
		});
	}

	@Test
	@Order(2)
	void everyMetricTheDashboardUsesIsExposedOnceAnOrderFailed() {
		placeAndAwait("DE-NORTH-2", "FAILED");
		Set<String> anywhere = new TreeSet<>();
		Map<String, Set<String>> jobsByMetric = new TreeMap<>();
		for (JsonNode panel : JsonMapper.builder().build().readTree(AlertRules.DASHBOARD.toFile()).path("panels")) {
			for (JsonNode target : panel.path("targets")) {
				String expr = target.path("expr").asString();
				PromQl.metricNames(expr).stream().filter(MetricNamesEndToEndTest::scraped).forEach(anywhere::add);
				PromQl.jobsByMetric(expr).forEach((metric, jobs) -> jobsByMetric.merge(metric, jobs, union()));
			}
		}
		jobsByMetric.keySet().removeIf((metric) -> !scraped(metric));
		assertThat(anywhere).as("metric names in the dashboard").isNotEmpty();

		await().atMost(KAFKA_METRICS_REFRESH).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
			Map<String, Set<String>> exposed = scrapeEveryService();
			assertThat(missing(anywhere, jobsByMetric, exposed))
				.as("metric names ops/grafana/pipeline.json uses that no service exposes")
				.isEmpty();
		});
	}

	private static void placeAndAwait(String region, String status) {
		PipelineClient.Response placed = client.placeOrder(PipelineClient.exampleOrder(region));
		assertThat(placed.status()).as(placed.raw()).isEqualTo(202);
		String orderId = placed.text("orderId");
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(client.order(orderId).text("status")).isEqualTo(status));
	}

	private static boolean scraped(String metric) {
		return !SYNTHETIC.contains(metric) && !metric.contains(":");
	}

	/**
	 * What is missing, as "metric (where it was looked for)": metrics restricted to jobs
	 * must be exposed by each of those services, the others by at least one service.
	 */
	private static Set<String> missing(Set<String> anywhere, Map<String, Set<String>> jobsByMetric,
			Map<String, Set<String>> exposed) {
		Set<String> all = exposed.values().stream().flatMap(Set::stream).collect(Collectors.toSet());
		Set<String> missing = new TreeSet<>();
		for (String metric : anywhere) {
			Set<String> jobs = jobsByMetric.get(metric);
			if (jobs == null) {
				if (!all.contains(metric)) {
					missing.add(metric + " (on no service)");
				}
				continue;
			}
			for (String job : jobs) {
				assertThat(exposed).as("job %s in a matcher of %s is one of the services", job, metric)
					.containsKey(job);
				if (!exposed.get(job).contains(metric)) {
					missing.add(metric + " (on " + job + ")");
				}
			}
		}
		return missing;
	}

	/** Sample names of each service's scrape, by the job name the rules expect. */
	private static Map<String, Set<String>> scrapeEveryService() {
		Map<String, Set<String>> names = new LinkedHashMap<>();
		names.put("order-intake", scrape(stack.options().intakePort()));
		names.put("provisioner", scrape(stack.options().provisionerPort()));
		names.put("status-service", scrape(stack.options().statusPort()));
		return names;
	}

	private static Set<String> scrape(int port) {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus"))
			.timeout(Duration.ofSeconds(10))
			.GET()
			.build();
		try {
			HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as("GET %s", request.uri()).isEqualTo(200);
			return response.body()
				.lines()
				.filter((line) -> !line.isBlank() && !line.startsWith("#"))
				.map((line) -> line.split("[{ ]", 2)[0])
				.collect(Collectors.toCollection(HashSet::new));
		}
		catch (IOException ex) {
			throw new IllegalStateException("GET " + request.uri() + " failed: " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	private static java.util.function.BinaryOperator<Set<String>> union() {
		return (a, b) -> {
			Set<String> both = new TreeSet<>(a);
			both.addAll(b);
			return both;
		};
	}

}
