package dev.dbaas.pipeline.status.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import dev.dbaas.pipeline.localinfra.PostgresServer;
import dev.dbaas.pipeline.security.test.TestTokens;
import dev.dbaas.pipeline.status.StatusServiceApplication;
import dev.dbaas.pipeline.status.WireEvents;
import dev.dbaas.pipeline.status.order.OrderEvent;
import dev.dbaas.pipeline.status.order.OrderEvents;
import dev.dbaas.pipeline.status.order.OrderStatus;
import dev.dbaas.pipeline.status.order.OrdersProjected;
import dev.dbaas.pipeline.status.rebuild.ViewRebuild;
import dev.dbaas.pipeline.testkit.PipelineEnvironment;
import dev.dbaas.pipeline.testkit.RealInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

/**
 * How fast the view rebuilds from a backlog, next to the raw batched-upsert rate of the
 * same durable PostgreSQL, and the projection lag under a steady 500 orders/s.
 *
 * <p>
 * Run: {@code ./mvnw -B -pl status-service verify -Pbenchmark}; service settings can be
 * overridden with {@code -Dbenchmark.args=key=value,...}. Prints a table and writes
 * {@code target/benchmarks/view-rebuild.json}. Figures, not assertions.
 */
@RealInfrastructure
class ViewRebuildBenchmark {

	private static final int ORDERS = Integer.getInteger("benchmark.orders", 50_000);

	/** Per order: OrderPlaced, two PROCESSING steps and a terminal status. */
	private static final int EVENTS_PER_ORDER = 4;

	private static final int BATCH = 1000;

	private static final int ROUNDS = Integer.getInteger("benchmark.rounds", 5);

	private static final int LAG_ORDERS_PER_SECOND = Integer.getInteger("benchmark.lag-rate", 500);

	/** Events per order in the lag phase: OrderPlaced, one PROCESSING step, DONE. */
	private static final int LAG_EVENTS_PER_ORDER = 3;

	private static final Duration LAG_WARM_UP = Duration.ofSeconds(5);

	private static final Duration LAG_MEASURED = Duration.ofSeconds(20);

	private final AtomicLong applied = new AtomicLong();

	private final AtomicLong firstAppliedNanos = new AtomicLong();

	private final AtomicBoolean recordLag = new AtomicBoolean();

	private final Histogram lagMicros = new Histogram(3_600_000_000L, 3);

	@Test
	void rebuildsTheViewFromABacklog(PipelineEnvironment env) throws Exception {
		int events = ORDERS * EVENTS_PER_ORDER;
		double loadBefore = loadAverage();
		try (PostgresServer postgres = PostgresServer.create(null, 0, true).start()) {
			postgres.createDatabase("status_benchmark");
			postgres.createDatabase("raw_benchmark");

			long produceStarted = System.nanoTime();
			produceBacklog(env);
			Duration produced = Duration.ofNanos(System.nanoTime() - produceStarted);

			Map<String, Object> properties = new HashMap<>(env.springProperties());
			properties.put("spring.datasource.url", postgres.jdbcUrl("status_benchmark"));
			properties.put("spring.datasource.username", PostgresServer.USER);
			properties.put("spring.datasource.password", PostgresServer.PASSWORD);
			properties.put("spring.kafka.listener.auto-startup", "false");
			// A group of its own: run with the other tests, their cached contexts'
			// consumers stay members of the service's group, and the rebuild (rightly)
			// refuses to reset a group with other members.
			properties.put("spring.kafka.consumer.group-id", "status-service-benchmark");
			properties.put("server.port", "0");
			properties.put("logging.level.root", "WARN");
			properties.put("logging.level.dev.dbaas", "WARN");
			// -Dbenchmark.args=key=value,key=value overrides service settings for
			// experiments.
			// Secured like in production; the benchmark calls no endpoint, so any issuer
			// will do.
			properties.putAll(TestTokens.issuer().serviceProperties());
			for (String override : System.getProperty("benchmark.args", "").split(",")) {
				if (override.contains("=")) {
					properties.put(override.substring(0, override.indexOf('=')),
							override.substring(override.indexOf('=') + 1));
				}
			}
			try (ConfigurableApplicationContext app = new SpringApplicationBuilder(StatusServiceApplication.class)
				.listeners(ApplicationListener.forPayload(this::onProjected))
				// Command-line arguments: they win over status-service.properties.
				.run(properties.entrySet()
					.stream()
					.map((entry) -> "--" + entry.getKey() + "=" + entry.getValue())
					.toArray(String[]::new))) {
				long started = System.nanoTime();
				app.getBean(KafkaListenerEndpointRegistry.class).start();
				Rate firstReplay = awaitApplied(events, started);

				// The machine is shared with other builds, so load drifts. Each round
				// measures the baseline right before a rebuild and takes the ratio within
				// the round; the report shows the round with the median ratio.
				// CPU time per event or row, of this JVM (service, broker, baseline
				// client)
				// and of PostgreSQL, depends much less on the other builds than the
				// rates do: on an idle machine the rates follow it.
				CpuClock cpu = CpuClock.of(postgres.dataSource("raw_benchmark"));
				List<Round> rounds = new ArrayList<>();
				for (int round = 1; round <= ROUNDS; round++) {
					CpuClock.Cpu start = cpu.now();
					Rate raw1 = rawUpsertRate(postgres.dataSource("raw_benchmark"), 1);
					CpuClock.Cpu afterRaw1 = cpu.now();
					Rate raw4 = rawUpsertRate(postgres.dataSource("raw_benchmark"), 4);
					CpuClock.Cpu afterRaw4 = cpu.now();
					Rate rebuild = timedRebuild(app, events, round);
					CpuClock.Cpu afterRebuild = cpu.now();
					CpuClock.Cpu raw1Cpu = afterRaw1.minus(start).per(raw1.count());
					CpuClock.Cpu raw4Cpu = afterRaw4.minus(afterRaw1).per(raw4.count());
					CpuClock.Cpu rebuildCpu = afterRebuild.minus(afterRaw4).per(rebuild.count());
					rounds.add(new Round(raw1, raw4, rebuild, raw1Cpu, raw4Cpu, rebuildCpu));
					System.out.printf(Locale.ROOT,
							"Round %d CPU per row or event: raw %s (1 connection), %s (4); rebuild %s;"
									+ " cheapest raw CPU / rebuild CPU %.1f %%%n",
							round, raw1Cpu, raw4Cpu, rebuildCpu, 100 * rounds.get(round - 1).cpuRatio());
					System.out.printf(Locale.ROOT,
							"Round %d: raw %,.0f /s (1 connection), %,.0f /s (4); rebuild %,.0f /s;"
									+ " rebuild / best raw %.1f %%, / raw on 1 connection %.1f %%; load average %.1f%n",
							round, raw1.perSecond(), raw4.perSecond(), rebuild.perSecond(),
							100 * rounds.get(round - 1).ratio(), 100 * rebuild.perSecond() / raw1.perSecond(),
							loadAverage());
				}
				rounds.sort(java.util.Comparator.comparingDouble(Round::ratio));
				Round median = rounds.get(rounds.size() / 2);

				app.getBean(org.springframework.jdbc.core.JdbcTemplate.class)
					.query("SELECT n_tup_ins, n_tup_upd, n_tup_hot_upd FROM pg_stat_user_tables"
							+ " WHERE relname = 'order_view'",
							(org.springframework.jdbc.core.RowCallbackHandler) (rs) -> System.out.printf(Locale.ROOT,
									"order_view: %,d inserts, %,d updates, %,d of them HOT%n", rs.getLong(1),
									rs.getLong(2), rs.getLong(3)));

				Lag lag = measureLag(env, app, cpu, postgres.dataSource("status_benchmark"));

				report(events, produced, median, firstReplay, lag, postgres, rounds, loadBefore);
			}
		}
	}

	private Rate timedRebuild(ConfigurableApplicationContext app, int events, int run) throws InterruptedException {
		this.applied.set(0);
		this.firstAppliedNanos.set(0);
		Timer batches = app.getBean(MeterRegistry.class).get("status.projection.batch").timer();
		long batchesBefore = batches.count();
		double secondsBefore = batches.totalTime(TimeUnit.SECONDS);
		System.out.printf(Locale.ROOT, "Rebuild %d starts%n", run);
		long started = System.nanoTime();
		app.getBean(ViewRebuild.class).rebuild();
		long restarted = System.nanoTime();
		Rate rebuild = awaitApplied(events, started);
		long rebuildBatches = batches.count() - batchesBefore;
		double inTransactions = batches.totalTime(TimeUnit.SECONDS) - secondsBefore;
		System.out.printf(Locale.ROOT,
				"%nRebuild %d: %,.0f events/s; %,d batches, %.0f events per batch, %.1f ms per batch transaction,"
						+ " %.1f s in transactions (all listener threads) in %.1f s; listeners stopped, view emptied and"
						+ " listeners started after %.2f s, the first event applied after %.2f s%n",
				run, rebuild.perSecond(), rebuildBatches, events / (double) Math.max(1, rebuildBatches),
				inTransactions * 1000 / Math.max(1, rebuildBatches), inTransactions,
				rebuild.elapsed().toMillis() / 1000.0, (restarted - started) / 1e9,
				(this.firstAppliedNanos.get() - started) / 1e9);
		return rebuild;
	}

	private void onProjected(OrdersProjected projected) {
		this.firstAppliedNanos.compareAndSet(0, System.nanoTime());
		this.applied.addAndGet(projected.occurredAt().size());
		if (this.recordLag.get()) {
			synchronized (this.lagMicros) {
				for (Instant occurredAt : projected.occurredAt()) {
					long micros = Duration.between(occurredAt, projected.committedAt()).toNanos() / 1000;
					this.lagMicros
						.recordValue(Math.max(0, Math.min(micros, this.lagMicros.getHighestTrackableValue())));
				}
			}
		}
	}

	private Rate awaitApplied(int events, long startedNanos) throws InterruptedException {
		long deadline = startedNanos + Duration.ofMinutes(15).toNanos();
		while (this.applied.get() < events && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		return new Rate(this.applied.get(), Duration.ofNanos(System.nanoTime() - startedNanos));
	}

	/**
	 * The baseline: the same PostgreSQL, durable, upserting one narrow row per event with
	 * {@code INSERT ... SELECT FROM unnest ... ON CONFLICT DO UPDATE}, {@value #BATCH}
	 * rows and one commit per statement, with the events' key distribution
	 * ({@link #ORDERS} keys, each updated {@link #EVENTS_PER_ORDER} times).
	 */
	private static Rate rawUpsertRate(DataSource dataSource, int threads) throws Exception {
		String table = "raw_upsert_" + threads;
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("DROP TABLE IF EXISTS " + table);
			statement.execute("CREATE TABLE " + table
					+ " (order_id text PRIMARY KEY, status text NOT NULL, sequence bigint NOT NULL,"
					+ " updated_at timestamptz NOT NULL)");
		}
		// Bound like the projection binds its columns: typed arrays, so that numbers
		// travel
		// in binary, and times as epoch microseconds.
		String sql = "INSERT INTO " + table + " (order_id, status, sequence, updated_at)"
				+ " SELECT u.order_id, u.status, u.sequence,"
				+ " timestamptz 'epoch' + interval '1 microsecond' * u.updated_at"
				+ " FROM unnest(?::text[], ?::text[], ?::int8[], ?::int8[]) AS u(order_id, status, sequence, updated_at)"
				+ " ON CONFLICT (order_id) DO UPDATE SET status = excluded.status, sequence = excluded.sequence,"
				+ " updated_at = excluded.updated_at";
		List<String> keys = new ArrayList<>(ORDERS);
		for (int i = 0; i < ORDERS; i++) {
			keys.add(UUID.randomUUID().toString());
		}
		int batchesPerRound = (ORDERS + BATCH - 1) / BATCH;
		int totalBatches = batchesPerRound * EVENTS_PER_ORDER;
		AtomicLong next = new AtomicLong();
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		long started = System.nanoTime();
		try {
			List<Future<Long>> done = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				done.add(pool.submit(() -> {
					long rows = 0;
					try (Connection connection = dataSource.getConnection();
							PreparedStatement upsert = connection.prepareStatement(sql)) {
						for (long b = next.getAndIncrement(); b < totalBatches; b = next.getAndIncrement()) {
							int round = (int) (b / batchesPerRound);
							int from = (int) (b % batchesPerRound) * BATCH;
							List<String> slice = keys.subList(from, Math.min(ORDERS, from + BATCH));
							Instant now = Instant.now();
							Long micros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
							String[] ids = slice.toArray(String[]::new);
							String[] statuses = new String[ids.length];
							Long[] sequences = new Long[ids.length];
							Long[] times = new Long[ids.length];
							java.util.Arrays.fill(statuses, "PROCESSING");
							java.util.Arrays.fill(sequences, (long) round);
							java.util.Arrays.fill(times, micros);
							upsert.setArray(1, connection.createArrayOf("text", ids));
							upsert.setArray(2, connection.createArrayOf("text", statuses));
							upsert.setArray(3, connection.createArrayOf("int8", sequences));
							upsert.setArray(4, connection.createArrayOf("int8", times));
							rows += upsert.executeUpdate();
						}
					}
					return rows;
				}));
			}
			long rows = 0;
			for (Future<Long> future : done) {
				rows += future.get();
			}
			return new Rate(rows, Duration.ofNanos(System.nanoTime() - started));
		}
		finally {
			pool.shutdownNow();
		}
	}

	private static KafkaProducer<String, Object> producer(PipelineEnvironment env, int lingerMs) {
		return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, env.bootstrapServers(),
				ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, lingerMs,
				ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024, ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
				ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
				ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, WireEvents.BytesOrAvro.class));
	}

	private static void produceBacklog(PipelineEnvironment env) {
		Instant t0 = Instant.now().minus(Duration.ofDays(1));
		try (KafkaProducer<String, Object> producer = producer(env, 20)) {
			for (int i = 0; i < ORDERS; i++) {
				for (OrderEvent event : lifecycle(benchOrderId(i), t0.plusMillis(i), i)) {
					send(producer, env, event);
				}
			}
			producer.flush();
		}
	}

	/**
	 * Order ids as order-intake assigns them (UUIDs): the projection dead-letters any
	 * other, which would leave the benchmark measuring dead letters.
	 */
	private static String benchOrderId(int i) {
		return String.format(Locale.ROOT, "00000000-0000-4000-8000-%012x", i);
	}

	private static String lagOrderId(long tick, int order) {
		return String.format(Locale.ROOT, "00000000-%04x-4000-9000-%012x", tick, order);
	}

	private static List<OrderEvent> lifecycle(String orderId, Instant placedAt, int i) {
		String customer = "customer-" + (i % 1000);
		OrderEvent terminal = (i % 10 == 0)
				? OrderEvents.aStatusChange(orderId, OrderStatus.FAILED, 3)
					.by(customer)
					.at(placedAt.plusMillis(3))
					.step("CREATE_INSTANCE")
					.failure("REGION_CAPACITY_EXHAUSTED", "No capacity left in the region")
					.build()
				: OrderEvents.aStatusChange(orderId, OrderStatus.DONE, 3)
					.by(customer)
					.at(placedAt.plusMillis(3))
					.instance(orderId + ".db.example.net", 3306)
					.build();
		return List.of(OrderEvents.anOrderPlaced(orderId).by(customer).at(placedAt).build(),
				OrderEvents.aStatusChange(orderId, OrderStatus.PROCESSING, 1)
					.by(customer)
					.at(placedAt.plusMillis(1))
					.step("CREATE_INSTANCE")
					.build(),
				OrderEvents.aStatusChange(orderId, OrderStatus.PROCESSING, 2)
					.by(customer)
					.at(placedAt.plusMillis(2))
					.step("CONFIGURE_FIREWALL")
					.build(),
				terminal);
	}

	private static void send(KafkaProducer<String, Object> producer, PipelineEnvironment env, OrderEvent event) {
		if (event instanceof OrderEvent.Placed placed) {
			producer.send(new ProducerRecord<>(env.orderPlaced().name(), placed.orderId().value(),
					WireEvents.toWire(placed)));
		}
		else {
			OrderEvent.StatusChanged changed = (OrderEvent.StatusChanged) event;
			producer.send(new ProducerRecord<>(env.orderStatus().name(), changed.orderId().value(),
					WireEvents.toWire(changed)));
		}
	}

	/**
	 * 500 new orders a second; each is placed, moves to PROCESSING a tick later and to
	 * DONE two ticks later, so 1,500 events a second, each stamped with the time it is
	 * sent.
	 */
	/**
	 * Sends {@link #LAG_ORDERS_PER_SECOND} orders a second in ticks of 100 ms and
	 * measures, after the warm-up, the lag and what the projection pays per order when it
	 * is caught up: its transactions (exact, the batch timer), the status database's
	 * commits ({@code pg_stat_database.xact_commit}, read-only ones included; the end is
	 * read once the idle backends have reported) and the CPU per event.
	 */
	private Lag measureLag(PipelineEnvironment env, ConfigurableApplicationContext app, CpuClock cpu, DataSource status)
			throws Exception {
		Timer batches = app.getBean(MeterRegistry.class).get("status.projection.batch").timer();
		long[] transactionsAtWarmUp = new long[1];
		long[] commitsAtWarmUp = new long[1];
		CpuClock.Cpu[] cpuAtWarmUp = new CpuClock.Cpu[1];
		Duration tick = Duration.ofMillis(100);
		int ordersPerTick = (int) (LAG_ORDERS_PER_SECOND * tick.toMillis() / 1000);
		long ticks = (LAG_WARM_UP.plus(LAG_MEASURED).toMillis()) / tick.toMillis();
		long warmUpTicks = LAG_WARM_UP.toMillis() / tick.toMillis();
		long sent = 0;
		try (KafkaProducer<String, Object> producer = producer(env, 1)) {
			long start = System.nanoTime();
			for (long n = 0; n < ticks + 2; n++) {
				long due = start + n * tick.toNanos();
				while (System.nanoTime() < due) {
					Thread.sleep(1);
				}
				if (n == warmUpTicks) {
					synchronized (this.lagMicros) {
						this.lagMicros.reset();
					}
					this.recordLag.set(true);
					transactionsAtWarmUp[0] = batches.count();
					commitsAtWarmUp[0] = commits(status);
					cpuAtWarmUp[0] = cpu.now();
				}
				Instant now = Instant.now();
				for (int o = 0; o < ordersPerTick; o++) {
					if (n < ticks) {
						String id = lagOrderId(n, o);
						send(producer, env, OrderEvents.anOrderPlaced(id).at(now).build());
						sent++;
					}
					if (n >= 1 && n - 1 < ticks) {
						send(producer, env,
								OrderEvents.aStatusChange(lagOrderId(n - 1, o), OrderStatus.PROCESSING, 1)
									.at(now)
									.step("CREATE_INSTANCE")
									.build());
						sent++;
					}
					if (n >= 2) {
						send(producer, env,
								OrderEvents.aStatusChange(lagOrderId(n - 2, o), OrderStatus.DONE, 2)
									.at(now)
									.instance("lag.db.example.net", 3306)
									.build());
						sent++;
					}
				}
			}
			producer.flush();
		}
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		long expected = 3L * ordersPerTick * ticks;
		while (this.applied.get() < ORDERS * (long) EVENTS_PER_ORDER + expected && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		this.recordLag.set(false);
		long transactions = batches.count() - transactionsAtWarmUp[0];
		CpuClock.Cpu used = cpu.now().minus(cpuAtWarmUp[0]);
		// Idle backends report their counters within 10 s (PGSTAT_IDLE_INTERVAL).
		Thread.sleep(11_000);
		long commits = commits(status) - commitsAtWarmUp[0];
		long orders = LAG_ORDERS_PER_SECOND * LAG_MEASURED.toSeconds();
		long events = LAG_EVENTS_PER_ORDER * orders;
		System.out.printf(Locale.ROOT,
				"Lag phase (%d orders/s, %d events per order, %d s measured): %,d projection transactions"
						+ " (%.3f per order, %.1f events each), %,d commits of the status database (%.3f per order),"
						+ " CPU per event %s%n",
				LAG_ORDERS_PER_SECOND, LAG_EVENTS_PER_ORDER, LAG_MEASURED.toSeconds(), transactions,
				transactions / (double) orders, events / (double) Math.max(1, transactions), commits,
				commits / (double) orders, used.per(events));
		synchronized (this.lagMicros) {
			return new Lag(this.lagMicros.getTotalCount(), this.lagMicros.getValueAtPercentile(50) / 1000.0,
					this.lagMicros.getValueAtPercentile(99) / 1000.0, this.lagMicros.getMaxValue() / 1000.0, sent,
					transactions / (double) orders, commits / (double) orders, used.per(events).total());
		}
	}

	private static long commits(DataSource dataSource) throws Exception {
		try (Connection connection = dataSource.getConnection();
				Statement statement = connection.createStatement();
				java.sql.ResultSet rs = statement
					.executeQuery("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()")) {
			rs.next();
			return rs.getLong(1);
		}
	}

	private static void report(int events, Duration produced, Round median, Rate firstReplay, Lag lag,
			PostgresServer postgres, List<Round> rounds, double loadBefore) throws IOException {
		Rate rebuild = median.rebuild();
		double toRaw1 = rebuild.perSecond() / median.raw1().perSecond();
		double toRaw4 = rebuild.perSecond() / median.raw4().perSecond();
		double toBest = median.ratio();
		double loadAfter = loadAverage();
		String table = String.format(Locale.ROOT,
				"""

						View rebuild benchmark (%,d orders, %,d events; PostgreSQL durable: %s; %d CPUs)
						| figure                                               | value          | target        |
						|------------------------------------------------------|----------------|---------------|
						| backlog produced to Kafka in                         | %10.1f s   |               |
						| raw batched upsert, 1 connection                     | %,10.0f /s  |               |
						| raw batched upsert, 4 connections                    | %,10.0f /s  |               |
						| best raw (the better of 1 and 4 connections)         | %,10.0f /s  |               |
						| first replay into an empty view                      | %,10.0f /s  |               |
						| rebuild (reset + truncate + replay)                  | %,10.0f /s  | >= 20,000 /s  |
						| rebuild / raw, 1 connection                          | %10.1f %%   |               |
						| rebuild / raw, 4 connections                         | %10.1f %%   |               |
						| rebuild / best raw                                   | %10.1f %%   | >= 30 %%       |
						| CPU per raw row (cheaper of 1 and 4 connections)     | %10.1f us  |               |
						| CPU per rebuilt event (JVM incl. broker + PostgreSQL) | %10.1f us  |               |
						| CPU per raw row / CPU per rebuilt event              | %10.1f %%   |               |
						| projection lag p50 at %d orders/s                   | %10.0f ms  |               |
						| projection lag p99 at %d orders/s                   | %10.0f ms  | <= 1,000 ms   |
						| projection lag max                                   | %10.0f ms  |               |
						| caught up: projection transactions per order         | %10.3f     |               |
						| caught up: status database commits per order         | %10.3f     |               |
						| caught up: CPU per event (JVM incl. broker + PostgreSQL) | %6.1f us  |               |
						(round with the median rebuild / best raw of %d rounds of baseline + rebuild; rebuild / best raw by round %s;
						 lag over %,d events after %d s warm-up; %,d events sent; load average %.1f before, %.1f after)
						""",
				ORDERS, events, postgres.durable(), Runtime.getRuntime().availableProcessors(),
				produced.toMillis() / 1000.0, median.raw1().perSecond(), median.raw4().perSecond(),
				median.raw().perSecond(), firstReplay.perSecond(), rebuild.perSecond(), 100 * toRaw1, 100 * toRaw4,
				100 * toBest, median.cheapestRawCpu().total(), median.rebuildCpu().total(), 100 * median.cpuRatio(),
				LAG_ORDERS_PER_SECOND, lag.p50Millis(), LAG_ORDERS_PER_SECOND, lag.p99Millis(), lag.maxMillis(),
				lag.transactionsPerOrder(), lag.commitsPerOrder(), lag.cpuMicrosPerEvent(), rounds.size(),
				ratios(rounds), lag.count(), LAG_WARM_UP.toSeconds(), lag.sent(), loadBefore, loadAfter);
		System.out.println(table);
		String json = String.format(Locale.ROOT, """
				{"orders": %d, "events": %d, "durable": %s, "cpus": %d,
				 "rawUpsertRowsPerSecond1Connection": %.0f, "rawUpsertRowsPerSecond4Connections": %.0f,
				 "rawUpsertRowsPerSecondBest": %.0f,
				 "firstReplayEventsPerSecond": %.0f, "rebuildEventsPerSecond": %.0f,
				 "rebuildToBestRawRatio": %.3f, "rebuildToRawRatio": %.3f, "rebuildToRaw1ConnectionRatio": %.3f,
				 "rebuildToRaw4ConnectionsRatio": %.3f,
				 "cpuMicrosPerRawRow": %.2f, "cpuMicrosPerRebuiltEvent": %.2f, "rebuildCpuMicrosInJvm": %.2f,
				 "rebuildCpuMicrosInPostgres": %.2f, "rawToRebuildCpuRatio": %.3f,
				 "rebuildSeconds": %.3f, "lagOrdersPerSecond": %d, "lagP50Millis": %.1f, "lagP99Millis": %.1f,
				 "lagMaxMillis": %.1f, "lagSamples": %d, "caughtUpTransactionsPerOrder": %.3f,
				 "caughtUpCommitsPerOrder": %.3f, "caughtUpCpuMicrosPerEvent": %.2f, "roundRatios": "%s",
				 "loadAverageBefore": %.2f, "loadAverageAfter": %.2f}
				""", ORDERS, events, postgres.durable(), Runtime.getRuntime().availableProcessors(),
				median.raw1().perSecond(), median.raw4().perSecond(), median.raw().perSecond(), firstReplay.perSecond(),
				rebuild.perSecond(), toBest, toBest, toRaw1, toRaw4, median.cheapestRawCpu().total(),
				median.rebuildCpu().total(), median.rebuildCpu().jvm(), median.rebuildCpu().postgres(),
				median.cpuRatio(), rebuild.elapsed().toMillis() / 1000.0, LAG_ORDERS_PER_SECOND, lag.p50Millis(),
				lag.p99Millis(), lag.maxMillis(), lag.count(), lag.transactionsPerOrder(), lag.commitsPerOrder(),
				lag.cpuMicrosPerEvent(), ratios(rounds), loadBefore, loadAfter);
		Path out = Path.of("target", "benchmarks", "view-rebuild.json");
		Files.createDirectories(out.getParent());
		Files.writeString(out, json);
	}

	private static double loadAverage() {
		return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
	}

	private static String ratios(List<Round> rounds) {
		return rounds.stream()
			.map((round) -> String.format(Locale.ROOT, "%.0f %%", 100 * round.ratio()))
			.collect(java.util.stream.Collectors.joining(", "));
	}

	private record Round(Rate raw1, Rate raw4, Rate rebuild, CpuClock.Cpu raw1Cpu, CpuClock.Cpu raw4Cpu,
			CpuClock.Cpu rebuildCpu) {

		CpuClock.Cpu cheapestRawCpu() {
			return (this.raw1Cpu.total() <= this.raw4Cpu.total()) ? this.raw1Cpu : this.raw4Cpu;
		}

		double cpuRatio() {
			return cheapestRawCpu().total() / this.rebuildCpu.total();
		}

		Rate raw() {
			return best(this.raw1, this.raw4);
		}

		double ratio() {
			return this.rebuild.perSecond() / raw().perSecond();
		}

	}

	private static Rate best(Rate a, Rate b) {
		return (a.perSecond() >= b.perSecond()) ? a : b;
	}

	private record Rate(long count, Duration elapsed) {

		double perSecond() {
			return this.count / Math.max(0.001, this.elapsed.toNanos() / 1e9);
		}

	}

	private record Lag(long count, double p50Millis, double p99Millis, double maxMillis, long sent,
			double transactionsPerOrder, double commitsPerOrder, double cpuMicrosPerEvent) {

	}

	/**
	 * CPU time of this JVM and of the PostgreSQL server: the postmaster, its live
	 * children and the children it has reaped (backends of closed connections). Linux
	 * only.
	 */
	private record CpuClock(long postmaster) {

		private static final double NANOS_PER_TICK = 1e9 / 100; // USER_HZ

		static CpuClock of(DataSource dataSource) throws Exception {
			try (Connection connection = dataSource.getConnection();
					Statement statement = connection.createStatement();
					java.sql.ResultSet rs = statement.executeQuery("SELECT pg_backend_pid()")) {
				rs.next();
				return new CpuClock(Long.parseLong(stat(rs.getLong(1))[1]));
			}
		}

		Cpu now() throws IOException, InterruptedException {
			// A backend whose connection was just closed may not be reaped yet: its time
			// is then neither in a live child nor in the postmaster's children's time.
			for (int attempt = 0; attempt < 100; attempt++) {
				Cpu cpu = read();
				if (cpu != null) {
					return cpu;
				}
				Thread.sleep(10);
			}
			throw new IllegalStateException("PostgreSQL backends not reaped within 1 s");
		}

		private @org.jspecify.annotations.Nullable Cpu read() throws IOException {
			long jvm = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
				.getOperatingSystemMXBean()).getProcessCpuTime();
			String[] before = stat(this.postmaster);
			double children = 0;
			try (java.util.stream.Stream<Path> processes = Files.list(Path.of("/proc"))) {
				for (Path process : processes.filter((p) -> p.getFileName().toString().matches("\\d+")).toList()) {
					try {
						String[] fields = stat(Long.parseLong(process.getFileName().toString()));
						if (Long.parseLong(fields[1]) == this.postmaster) {
							if (fields[0].equals("Z") || fields[0].equals("X")) {
								return null;
							}
							children += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
						}
					}
					catch (IOException ex) {
						// the process ended meanwhile: read again
						return null;
					}
				}
			}
			String[] after = stat(this.postmaster);
			if (!before[13].equals(after[13]) || !before[14].equals(after[14])) {
				return null; // a backend was reaped while the others were read
			}
			double postmaster = Long.parseLong(after[11]) + Long.parseLong(after[12]) + Long.parseLong(after[13])
					+ Long.parseLong(after[14]);
			return new Cpu(jvm, (postmaster + children) * NANOS_PER_TICK);
		}

		/** Fields of /proc/PID/stat after the command name: state, ppid, ... */
		private static String[] stat(long pid) throws IOException {
			String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
			return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		}

		/**
		 * CPU time, or per item in microseconds after {@link #per(long)}.
		 *
		 * @param jvm of this JVM
		 * @param postgres of PostgreSQL
		 */
		record Cpu(double jvm, double postgres) {

			Cpu minus(Cpu earlier) {
				return new Cpu(this.jvm - earlier.jvm, this.postgres - earlier.postgres);
			}

			Cpu per(long items) {
				return new Cpu(this.jvm / 1000 / Math.max(1, items), this.postgres / 1000 / Math.max(1, items));
			}

			double total() {
				return this.jvm + this.postgres;
			}

			@Override
			public String toString() {
				return String.format(Locale.ROOT, "%.1f us (JVM %.1f + PostgreSQL %.1f)", total(), this.jvm,
						this.postgres);
			}

		}

	}

}
