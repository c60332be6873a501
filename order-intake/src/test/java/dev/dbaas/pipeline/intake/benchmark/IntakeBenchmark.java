package dev.dbaas.pipeline.intake.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import dev.dbaas.pipeline.events.OrderPlaced;
import dev.dbaas.pipeline.intake.OrderIntakeApplication;
import dev.dbaas.pipeline.localinfra.PostgresServer;
import dev.dbaas.pipeline.localinfra.sample.ValidOrder;
import dev.dbaas.pipeline.schemas.AvroEventSerializer;
import dev.dbaas.pipeline.security.test.TestTokens;
import dev.dbaas.pipeline.testkit.PipelineEnvironment;
import dev.dbaas.pipeline.testkit.RealInfrastructure;
import dev.dbaas.pipeline.testkit.fixtures.Orders;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Figures for issue 3, not assertions: accepted orders/s over HTTP with concurrent
 * clients, request-to-202 and 202-to-Kafka latency at a fixed 500 orders/s, outbox drain
 * rate, and in the same run the baseline of one JDBC connection committing an order row
 * plus an outbox row per transaction. PostgreSQL is durable (fsync and synchronous_commit
 * on) for all of them.
 *
 * <p>
 * Run with {@code ./mvnw -B -pl order-intake verify -Pbenchmark}; prints a table and
 * writes {@code target/benchmarks/intake-benchmark.json}.
 */
@RealInfrastructure
class IntakeBenchmark {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Shortest warm-up; it goes on in rounds until the JIT compiler settles. */
	private static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("bench.warmup.seconds", 30));

	/** Longest warm-up, settled or not. */
	private static final Duration WARM_UP_MAX = Duration.ofSeconds(Long.getLong("bench.warmup.max.seconds", 180));

	/**
	 * The JIT counts as settled when it compiled for less than this share of a round's
	 * wall time.
	 */
	private static final double JIT_SETTLED = 0.05;

	private static final Duration PHASE = Duration.ofSeconds(Long.getLong("bench.phase.seconds", 15));

	private static final int CLIENTS = Integer.getInteger("bench.clients", 16);

	private static final int FIXED_RATE = Integer.getInteger("bench.rate", 500);

	private static final Duration FIXED_RATE_WARM_UP = Duration.ofSeconds(Long.getLong("bench.rate.warmup.seconds", 5));

	private static final int DRAIN_ROWS = Integer.getInteger("bench.drain.rows", 50_000);

	/**
	 * The load client: blocking Apache HttpClient on a connection pool. It takes about a
	 * third of the CPU per request that {@code java.net.http.HttpClient} took, CPU the
	 * service under test would otherwise lose, since both share this machine.
	 */
	private final CloseableHttpClient http = HttpClients.custom()
		.setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
			.setMaxConnTotal(MAX_OPEN_REQUESTS)
			.setMaxConnPerRoute(MAX_OPEN_REQUESTS)
			.setDefaultConnectionConfig(ConnectionConfig.custom()
				.setConnectTimeout(5, TimeUnit.SECONDS)
				.setSocketTimeout(30, TimeUnit.SECONDS)
				.build())
			.build())
		.disableAutomaticRetries()
		.disableCookieManagement()
		.disableRedirectHandling()
		.build();

	/** Requests open at once in the fixed-rate phase; more wait in the client. */
	private static final int MAX_OPEN_REQUESTS = 256;

	@Test
	void measuresIntakeAgainstTheSingleConnectionBaseline(PipelineEnvironment environment) throws Exception {
		Map<String, Object> results = new LinkedHashMap<>();
		try (PostgresServer postgres = PostgresServer.create(null, 0, true).start()) {
			postgres.createDatabase("baseline");
			postgres.createDatabase("intake");
			migrate(postgres.dataSource("baseline"));
			byte[] payload = samplePayload();

			double baseline = baseline(postgres.dataSource("baseline"), payload, PHASE);
			results.put("baselineOrdersPerSecond", round(baseline));

			String topic = environment.orderPlaced().name();
			List<String> args = new ArrayList<>(
					List.of("--server.port=0", "--spring.datasource.url=" + postgres.jdbcUrl("intake"),
							"--spring.kafka.bootstrap-servers=" + environment.bootstrapServers(),
							"--pipeline.topics.order-placed=" + topic, "--logging.level.root=WARN",
							"--spring.main.banner-mode=off",
							// One client places every order: no rate limit worth the
							// name.
							"--intake.rate-limit.orders-per-period=1000000",
							// Nothing settles these orders (no provisioner): every one
							// stays in
							// flight, so admission control (decision 0046) is off.
							"--intake.admission.max-orders-in-flight=0"));
			// Trust the test issuer whose portal token the clients send.
			TestTokens.issuer().serviceProperties().forEach((key, value) -> args.add("--" + key + "=" + value));
			ConfigurableApplicationContext app = new SpringApplicationBuilder(OrderIntakeApplication.class)
				.run(args.toArray(String[]::new));
			try {
				String url = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port") + "/v1/orders";
				JdbcClient jdbc = app.getBean(JdbcClient.class);
				results.put("warmUpSeconds", warmUp(url));
				awaitEmptyOutbox(jdbc, Duration.ofSeconds(60));

				DistributionSummary groups = app.getBean(MeterRegistry.class)
					.get("orders.placement.group.size")
					.summary();
				long groupsBefore = groups.count();
				double groupedBefore = groups.totalAmount();
				long seqScansBefore = sequentialScansOfIdempotencyKeys(jdbc);
				Instant start = Instant.now();
				long cpuBefore = processCpuNanos();
				long jitBefore = jitMillis();
				long accepted = closedLoop(url, CLIENTS, PHASE, null);
				long cpuNanos = processCpuNanos() - cpuBefore;
				long jitMillis = jitMillis() - jitBefore;
				double acceptedPerSecond = accepted / (PHASE.toNanos() / 1e9);
				Duration drained = awaitEmptyOutbox(jdbc, Duration.ofSeconds(120));
				double relayedPerSecond = accepted / (Duration.between(start, Instant.now()).toNanos() / 1e9);
				results.put("clients", CLIENTS);
				results.put("acceptedOrdersPerSecond", round(acceptedPerSecond));
				results.put("acceptedAndRelayedOrdersPerSecond", round(relayedPerSecond));
				results.put("backlogDrainedAfterLoadSeconds", round(drained.toMillis() / 1000.0));
				// Client, server and Kafka broker share this JVM; PostgreSQL is a
				// separate process.
				results.put("jvmCpuMsPerAcceptedOrder", round(cpuNanos / 1e6 / Math.max(accepted, 1)));
				// Compiler threads' wall time while measuring, as a share of the
				// phase:
				// what the JIT still took from the two cores.
				results.put("jitShareOfPhase", round(jitMillis / (double) PHASE.toMillis()));
				results.put("ordersPerTransaction",
						round((groups.totalAmount() - groupedBefore) / Math.max(1, groups.count() - groupsBefore)));
				results.put("idempotencyKeySequentialScans", sequentialScansOfIdempotencyKeys(jdbc) - seqScansBefore);
				results.put("loadAverageDuringRun", round(
						java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));

				// Reads the topic during this phase only: in the closed loop it would
				// take CPU from the service.
				long lastIdBefore;
				try (LagConsumer lag = new LagConsumer(environment.bootstrapServers(), topic)) {
					// Unmeasured seconds at the fixed rate first: the consumer's
					// code,
					// the senders' threads and their connections are new here.
					fixedRate(url, FIXED_RATE, FIXED_RATE_WARM_UP, lag);
					lag.reset();
					lastIdBefore = jdbc.sql("SELECT COALESCE(max(id), 0) FROM outbox").query(Long.class).single();
					Histogram requestLatency = fixedRate(url, FIXED_RATE, PHASE, lag);
					lag.awaitAll(Duration.ofSeconds(30));
					results.put("fixedRateOrdersPerSecond", FIXED_RATE);
					results.put("requestTo202", percentiles(requestLatency));
					results.put("accepted202ToKafka", percentiles(lag.histogram()));
				}
				awaitEmptyOutbox(jdbc, Duration.ofSeconds(60));
				// Server side, independent of how fast the client reads its answers:
				// from
				// the outbox insert (before commit) to the row marked published
				// (after
				// Kafka's acknowledgement).
				results.put("outboxWrittenToPublished", jdbc.sql("""
						SELECT round(1000 * EXTRACT(EPOCH FROM percentile_cont(0.5) WITHIN GROUP
						           (ORDER BY published_at - created_at))::numeric, 2) AS "p50Ms",
						       round(1000 * EXTRACT(EPOCH FROM percentile_cont(0.99) WITHIN GROUP
						           (ORDER BY published_at - created_at))::numeric, 2) AS "p99Ms",
						       round(1000 * EXTRACT(EPOCH FROM max(published_at - created_at))::numeric, 2) AS "maxMs"
						FROM outbox WHERE id > :after
						""").param("after", lastIdBefore).query().singleRow());

				results.putAll(drain(jdbc, topic, payload));
				results.put("baselineAgainOrdersPerSecond",
						round(baseline(postgres.dataSource("baseline"), payload, PHASE)));
			}
			finally {
				app.close();
			}
		}
		results.put("acceptedVsBaseline", round(((Number) results.get("acceptedOrdersPerSecond")).doubleValue()
				/ ((Number) results.get("baselineOrdersPerSecond")).doubleValue()));
		results.put("relayedVsBaseline", round(((Number) results.get("acceptedAndRelayedOrdersPerSecond")).doubleValue()
				/ ((Number) results.get("baselineOrdersPerSecond")).doubleValue()));
		report(results);
	}

	/**
	 * Closed-loop load in 10-second rounds, at least {@link #WARM_UP} and at most
	 * {@link #WARM_UP_MAX}, until the JIT compiler settles: the service, Kafka broker and
	 * clients share this JVM, and on two cores their compilation takes minutes.
	 * @return how long the warm-up took, in seconds
	 */
	private double warmUp(String url) throws InterruptedException {
		Duration round = Duration.ofSeconds(10);
		long start = System.nanoTime();
		while (true) {
			long jitBefore = jitMillis();
			closedLoop(url, CLIENTS, round, null);
			double jitShare = (jitMillis() - jitBefore) / (double) round.toMillis();
			double elapsed = (System.nanoTime() - start) / 1e9;
			System.out.printf("warm-up %.0f s: JIT compiled for %.0f%% of the round%n", elapsed, 100 * jitShare);
			if (elapsed >= WARM_UP_MAX.toSeconds() || (elapsed >= WARM_UP.toSeconds() && jitShare < JIT_SETTLED)) {
				return round(elapsed);
			}
		}
	}

	private static long jitMillis() {
		return java.lang.management.ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
	}

	private static long sequentialScansOfIdempotencyKeys(JdbcClient jdbc) {
		return jdbc.sql("SELECT seq_scan FROM pg_stat_user_tables WHERE relname = 'idempotency_keys'")
			.query(Long.class)
			.single();
	}

	/** One connection, one transaction per order: an order row and an outbox row. */
	private static double baseline(DataSource dataSource, byte[] payload, Duration duration) throws SQLException {
		try (Connection connection = dataSource.getConnection()) {
			connection.setAutoCommit(false);
			try (PreparedStatement order = connection.prepareStatement("""
					INSERT INTO orders (id, customer_id, status, database_type, database_version, node_size, storage_gb,
					                    trusted_sources, region, invoice_profile, accepted_documents, placed_at)
					VALUES (?, ?, 'NEW', 'MARIADB', '10.11', 'b2-4', 50, CAST(? AS text[]), 'DE-WEST-1',
					        CAST(? AS jsonb), CAST(? AS jsonb), ?)
					""");
					PreparedStatement outbox = connection.prepareStatement(
							"INSERT INTO outbox (event_id, topic, message_key, payload) VALUES (?, 'baseline', ?, ?)")) {
				long deadline = System.nanoTime() + duration.toNanos();
				long count = 0;
				long started = System.nanoTime();
				while (System.nanoTime() < deadline) {
					UUID id = UUID.randomUUID();
					order.setObject(1, id);
					order.setString(2, "c-" + (count % 1000));
					order.setString(3, "{123.123.123.123/32,222.222.222.128/28}");
					order.setString(4, "{\"existingId\":\"inv-7781\"}");
					order.setString(5, "[{\"id\":\"terms-of-service\",\"version\":\"2025-01\"}]");
					order.setTimestamp(6, Timestamp.from(Instant.now()));
					order.executeUpdate();
					outbox.setObject(1, UUID.randomUUID());
					outbox.setString(2, id.toString());
					outbox.setBytes(3, payload);
					outbox.executeUpdate();
					connection.commit();
					count++;
				}
				return count / ((System.nanoTime() - started) / 1e9);
			}
		}
	}

	/** Each client sends its next order as soon as the previous one is answered. */
	private long closedLoop(String url, int clients, Duration duration, @SuppressWarnings("unused") Object unused)
			throws InterruptedException {
		AtomicLong accepted = new AtomicLong();
		AtomicLong failed = new AtomicLong();
		long deadline = System.nanoTime() + duration.toNanos();
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		CountDownLatch done = new CountDownLatch(clients);
		for (int i = 0; i < clients; i++) {
			pool.execute(() -> {
				try {
					while (System.nanoTime() < deadline) {
						((post(url).status() == 202) ? accepted : failed).incrementAndGet();
					}
				}
				catch (IOException ex) {
					failed.incrementAndGet();
				}
				finally {
					done.countDown();
				}
			});
		}
		done.await(duration.toSeconds() + 60, TimeUnit.SECONDS);
		pool.shutdownNow();
		if (failed.get() > 0) {
			System.out.println("closed loop: " + failed.get() + " requests not answered with 202");
		}
		return accepted.get();
	}

	/**
	 * Sends at a fixed rate regardless of answers, measuring from the intended send time
	 * so that a stall is not hidden (no coordinated omission).
	 */
	private Histogram fixedRate(String url, int perSecond, Duration duration, LagConsumer lag)
			throws InterruptedException {
		Recorder recorder = new Recorder(3);
		long intervalNanos = TimeUnit.SECONDS.toNanos(1) / perSecond;
		long total = duration.toSeconds() * perSecond;
		// worst latency per second of intended send time: shows whether the tail is
		// spread out or a few stalls
		AtomicLong[] worstPerSecond = new AtomicLong[(int) duration.toSeconds()];
		Arrays.setAll(worstPerSecond, (second) -> new AtomicLong());
		long start = System.nanoTime();
		CountDownLatch answered = new CountDownLatch((int) total);
		AtomicLong failed = new AtomicLong();
		ExecutorService senders = Executors.newFixedThreadPool(MAX_OPEN_REQUESTS);
		for (long i = 0; i < total; i++) {
			long intended = start + i * intervalNanos;
			long wait = intended - System.nanoTime();
			if (wait > 0) {
				TimeUnit.NANOSECONDS.sleep(wait);
			}
			senders.execute(() -> {
				try {
					Answer answer = post(url);
					long now = System.nanoTime();
					recorder.recordValue(Math.max(1, (now - intended) / 1_000));
					worstPerSecond[(int) ((intended - start) / TimeUnit.SECONDS.toNanos(1))]
						.accumulateAndGet((now - intended) / 1_000_000, Math::max);
					if (answer.status() == 202) {
						lag.expect(orderIdOf(answer.body()), now);
					}
					else {
						failed.incrementAndGet();
					}
				}
				catch (IOException ex) {
					recorder.recordValue(Math.max(1, (System.nanoTime() - intended) / 1_000));
					failed.incrementAndGet();
				}
				finally {
					answered.countDown();
				}
			});
		}
		answered.await(60, TimeUnit.SECONDS);
		senders.shutdownNow();
		System.out.println("fixed rate, worst request to answer per second (ms): "
				+ Arrays.stream(worstPerSecond).map(AtomicLong::get).toList());
		if (failed.get() > 0) {
			System.out.println("fixed rate: " + failed.get() + " requests not answered with 202");
		}
		return recorder.getIntervalHistogram();
	}

	/** Writes rows straight into the outbox in one transaction and times the relay. */
	private static Map<String, Object> drain(JdbcClient jdbc, String topic, byte[] payload) {
		Instant committed = Instant.now();
		jdbc.sql("""
				INSERT INTO outbox (event_id, topic, message_key, payload)
				SELECT gen_random_uuid(), :topic, 'drain-' || g, :payload FROM generate_series(1, :rows) g
				""").param("topic", topic).param("payload", payload).param("rows", DRAIN_ROWS).update();
		Duration drained = awaitEmptyOutbox(jdbc, Duration.ofSeconds(300));
		Map<String, Object> span = jdbc.sql("""
				SELECT EXTRACT(EPOCH FROM max(published_at) - min(published_at)) AS seconds FROM outbox
				WHERE message_key LIKE 'drain-%'
				""").query().singleRow();
		double publishingSeconds = ((Number) span.get("seconds")).doubleValue();
		Map<String, Object> results = new LinkedHashMap<>();
		results.put("drainRows", DRAIN_ROWS);
		results.put("drainEventsPerSecond", round(DRAIN_ROWS / (drained.toNanos() / 1e9)));
		results.put("drainEventsPerSecondWhilePublishing", round(DRAIN_ROWS / Math.max(publishingSeconds, 1e-3)));
		results.put("drainSecondsFromCommit", round(Duration.between(committed, Instant.now()).toMillis() / 1000.0));
		return results;
	}

	private static Duration awaitEmptyOutbox(JdbcClient jdbc, Duration timeout) {
		long start = System.nanoTime();
		long deadline = start + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			long backlog = jdbc.sql("SELECT count(*) FROM outbox WHERE published_at IS NULL")
				.query(Long.class)
				.single();
			if (backlog == 0) {
				return Duration.ofNanos(System.nanoTime() - start);
			}
			try {
				TimeUnit.MILLISECONDS.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		throw new IllegalStateException("outbox did not drain within " + timeout);
	}

	/** Bodies are prepared up front, so that the clients spend their CPU on HTTP only. */
	private static final List<String> BODIES = prepareBodies();

	/**
	 * A portal backend's token, signed once: the benchmark measures the service, not RSA
	 * signing.
	 */
	private static final String TOKEN = TestTokens.portal();

	private static List<String> prepareBodies() {
		List<String> bodies = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			bodies.add(Orders.aValidOrder().withCustomerId("c-" + i).with("storageGb", 50 * (1 + i % 10)).toJson());
		}
		return List.copyOf(bodies);
	}

	private Answer post(String url) throws IOException {
		String body = BODIES.get(ThreadLocalRandom.current().nextInt(BODIES.size()));
		HttpPost post = new HttpPost(url);
		post.setHeader("Authorization", "Bearer " + TOKEN);
		post.setHeader("Idempotency-Key", UUID.randomUUID().toString());
		post.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
		return this.http.execute(post,
				(response) -> new Answer(response.getCode(), EntityUtils.toString(response.getEntity())));
	}

	private record Answer(int status, String body) {
	}

	private static String orderIdOf(String body) {
		return JSON.readTree(body).get("orderId").stringValue();
	}

	private static byte[] samplePayload() {
		// The order the bench and the launcher place, every document accepted.
		OrderPlaced event = ValidOrder.anOrderPlaced().build();
		return new AvroEventSerializer().encode(event);
	}

	private static long processCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
			.getOperatingSystemMXBean()).getProcessCpuTime();
	}

	private static void migrate(DataSource dataSource) {
		Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/intake").load().migrate();
	}

	private static Map<String, Object> percentiles(Histogram histogram) {
		Map<String, Object> figures = new LinkedHashMap<>();
		figures.put("count", histogram.getTotalCount());
		figures.put("p50Ms", round(histogram.getValueAtPercentile(50) / 1000.0));
		figures.put("p99Ms", round(histogram.getValueAtPercentile(99) / 1000.0));
		figures.put("p999Ms", round(histogram.getValueAtPercentile(99.9) / 1000.0));
		figures.put("maxMs", round(histogram.getMaxValue() / 1000.0));
		return figures;
	}

	private static double round(double value) {
		return Math.round(value * 100) / 100.0;
	}

	private static void report(Map<String, Object> results) throws IOException {
		StringBuilder table = new StringBuilder("\n== order-intake benchmark (durable PostgreSQL, ")
			.append(Runtime.getRuntime().availableProcessors())
			.append(" cores)\n");
		results.forEach((name, value) -> table.append(String.format("%-40s %s%n", name, value)));
		System.out.println(table);
		String json = toJson(results);
		Path out = Path.of("target", "benchmarks", "intake-benchmark.json");
		Files.createDirectories(out.getParent());
		Files.writeString(out, json, StandardCharsets.UTF_8);
		System.out.println("written to " + out.toAbsolutePath());
	}

	private static String toJson(Object value) {
		return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value);
	}

	/** Reads the topic in the background and times each expected order from its 202. */
	private static final class LagConsumer implements AutoCloseable {

		private final Map<String, Long> acceptedAt = new ConcurrentHashMap<>();

		private final Map<String, Long> seenAt = new ConcurrentHashMap<>();

		private final Recorder recorder = new Recorder(3);

		private final AtomicBoolean running = new AtomicBoolean(true);

		private final Thread thread;

		LagConsumer(String bootstrapServers, String topic) {
			KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
					bootstrapServers, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
					ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
					ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
					ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10));
			List<TopicPartition> partitions = new ArrayList<>();
			consumer.partitionsFor(topic, Duration.ofSeconds(30))
				.forEach((info) -> partitions.add(new TopicPartition(topic, info.partition())));
			consumer.assign(partitions);
			consumer.seekToEnd(partitions);
			partitions.forEach(consumer::position);
			this.thread = new Thread(() -> {
				try (consumer) {
					while (this.running.get()) {
						consumer.poll(Duration.ofMillis(50)).forEach((record) -> {
							long now = System.nanoTime();
							Long accepted = this.acceptedAt.get(record.key());
							if (accepted != null) {
								this.recorder.recordValue(Math.max(1, (now - accepted) / 1_000));
							}
							else {
								this.seenAt.put(record.key(), now);
							}
						});
					}
				}
			}, "bench-lag-consumer");
			this.thread.start();
		}

		void expect(String orderId, long acceptedNanos) {
			this.acceptedAt.put(orderId, acceptedNanos);
			Long seen = this.seenAt.remove(orderId);
			if (seen != null) {
				// The event overtook the HTTP answer.
				this.recorder.recordValue(1);
			}
		}

		void reset() {
			this.recorder.reset();
			this.acceptedAt.clear();
			this.seenAt.clear();
		}

		void awaitAll(Duration timeout) throws InterruptedException {
			TimeUnit.NANOSECONDS.sleep(Math.min(timeout.toNanos(), TimeUnit.SECONDS.toNanos(2)));
		}

		Histogram histogram() {
			return this.recorder.getIntervalHistogram();
		}

		@Override
		public void close() throws InterruptedException {
			this.running.set(false);
			this.thread.join(10_000);
		}

	}

}
