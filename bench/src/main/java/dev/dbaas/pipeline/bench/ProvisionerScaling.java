package dev.dbaas.pipeline.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import dev.dbaas.pipeline.events.OrderPlaced;
import dev.dbaas.pipeline.events.OrderStatus;
import dev.dbaas.pipeline.events.OrderStatusChanged;
import dev.dbaas.pipeline.provisioner.ProvisionerApplication;
import dev.dbaas.pipeline.schemas.AvroEventSerializer;
import dev.dbaas.pipeline.schemas.OrderStatusChangedDeserializer;
import dev.dbaas.pipeline.security.local.LocalTokenIssuer;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.function.SingletonSupplier;

/**
 * A provisioner fleet of its own, started in this JVM on the stack's broker and
 * PostgreSQL, with topics, database and consumer group of its own so that the stack's
 * provisioner does not see its orders. Orders are published straight to its order topic;
 * an order counts when its DONE (or FAILED) event is read back. The approach of the
 * provisioner module's benchmark.
 */
final class ProvisionerScaling {

	/** 200 ms of simulated backend time per order: 5 steps of 33 ms and a 35 ms check. */
	static final Map<String, String> PROVISIONING_200_MS = Map.of("provisioner.simulation.step-latency", "33ms",
			"provisioner.simulation.steps.health-check.latency", "35ms");

	static final Map<String, String> NO_LATENCY = Map.of("provisioner.simulation.step-latency", "0ms");

	static final int CONCURRENCY = 64;

	private final String bootstrapServers;

	private final String adminJdbcUrl;

	private final String user;

	private final String password;

	private final Supplier<LocalTokenIssuer> security = SingletonSupplier.of(ProvisionerScaling::ownIssuer);

	private int runs;

	private static LocalTokenIssuer ownIssuer() {
		try {
			Path keys = Files.createTempDirectory("bench-provisioner-keys-");
			keys.toFile().deleteOnExit();
			keys.resolve(LocalTokenIssuer.PRIVATE_KEY_FILE).toFile().deleteOnExit();
			keys.resolve(LocalTokenIssuer.PUBLIC_KEY_FILE).toFile().deleteOnExit();
			return LocalTokenIssuer.inDirectory(keys);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot make a signing key for the bench's provisioner fleet", ex);
		}
	}

	ProvisionerScaling(String bootstrapServers, String adminJdbcUrl, String user, String password) {
		this.bootstrapServers = bootstrapServers;
		this.adminJdbcUrl = adminJdbcUrl;
		this.user = user;
		this.password = password;
	}

	/**
	 * One measured run.
	 *
	 * @param name what ran
	 * @param instances provisioner instances
	 * @param orders orders provisioned
	 * @param perSecond orders finished per second, first send to last finish
	 * @param sinceStart latency from the start of the batch to each order's finish
	 * @param unfinished orders not finished within the timeout
	 */
	record Result(String name, int instances, int orders, double perSecond, LatencySummary sinceStart,
			long unfinished) {

		Map<String, Object> toJson() {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("run", this.name);
			json.put("instances", this.instances);
			json.put("orders", this.orders);
			json.put("ordersPerSecond", Report.round(this.perSecond));
			json.put("sinceBatchStart", this.sinceStart.toJson());
			json.put("unfinished", this.unfinished);
			return json;
		}

	}

	Result run(String name, int instances, Map<String, String> knobs, int orders, Duration timeout) throws Exception {
		String prefix = "bench.prov" + (++this.runs) + "." + UUID.randomUUID().toString().substring(0, 6);
		String database = prefix.replace('.', '_');
		String placed = prefix + ".placed";
		String status = prefix + ".status";
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers))) {
			admin
				.createTopics(List.of(new NewTopic(placed, 6, (short) 1), new NewTopic(status, 6, (short) 1),
						new NewTopic(placed + ".dlt", 6, (short) 1), new NewTopic(status + ".dlt", 6, (short) 1)))
				.all()
				.get(30, TimeUnit.SECONDS);
			adminSql("CREATE DATABASE " + database);
			List<ConfigurableApplicationContext> fleet = new ArrayList<>();
			try {
				for (int i = 0; i < instances; i++) {
					fleet.add(start(prefix, database, placed, status, i, knobs));
				}
				return measure(name, instances, orders, placed, status, timeout);
			}
			finally {
				fleet.forEach(ConfigurableApplicationContext::close);
				admin.deleteTopics(Set.of(placed, status, placed + ".dlt", status + ".dlt"));
				adminSql("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
			}
		}
	}

	private ConfigurableApplicationContext start(String prefix, String database, String placed, String status,
			int instance, Map<String, String> knobs) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("spring.application.name", "bench-provisioner");
		properties.put("server.port", "0");
		properties.put("spring.main.banner-mode", "off");
		properties.put("spring.kafka.bootstrap-servers", this.bootstrapServers);
		properties.put("spring.datasource.url", PostgresBaselines.databaseUrl(this.adminJdbcUrl, database));
		properties.put("spring.datasource.username", this.user);
		properties.put("spring.datasource.password", this.password);
		properties.put("pipeline.topics.order-placed", placed);
		properties.put("pipeline.topics.order-status", status);
		properties.put("pipeline.topics.order-placed-dlt", placed + ".dlt");
		properties.put("pipeline.topics.order-status-dlt", status + ".dlt");
		properties.put("provisioner.consumer-group", prefix);
		properties.put("provisioner.workers.id", prefix + "-" + instance);
		properties.put("provisioner.workers.concurrency", String.valueOf(CONCURRENCY));
		properties.put("provisioner.workers.poll-interval", "20ms");
		properties.put("provisioner.outbox.poll-interval", "20ms");
		// The fleet serves nothing but its actuator, but it is secured like every
		// service:
		// with a signing key of its own, since nobody calls it.
		properties.putAll(this.security.get().serviceProperties());
		properties.putAll(knobs);
		return new SpringApplicationBuilder(ProvisionerApplication.class).registerShutdownHook(false)
			.run(properties.entrySet()
				.stream()
				.map((entry) -> "--" + entry.getKey() + "=" + entry.getValue())
				.toArray(String[]::new));
	}

	private Result measure(String name, int instances, int orders, String placed, String status, Duration timeout)
			throws Exception {
		Histogram latency = new Histogram(3);
		Set<String> ids = new HashSet<>();
		Set<String> finished = new HashSet<>();
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers,
						ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20,
						ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
						ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
				OrderStatusChangedDeserializer decoder = new OrderStatusChangedDeserializer()) {
			List<TopicPartition> partitions = new ArrayList<>();
			for (int p = 0; p < 6; p++) {
				partitions.add(new TopicPartition(status, p));
			}
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			long started = System.nanoTime();
			try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
					ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers, ProducerConfig.ACKS_CONFIG, "all",
					ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
					StringSerializer.class, ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
				AvroEventSerializer encoder = new AvroEventSerializer();
				for (int i = 0; i < orders; i++) {
					OrderPlaced order = SampleOrders.orderPlaced();
					ids.add(order.getOrderId());
					producer.send(new ProducerRecord<>(placed, order.getOrderId(), encoder.encode(order)));
				}
				producer.flush();
			}
			long deadline = started + timeout.toNanos();
			long last = started;
			while (finished.size() < orders && System.nanoTime() < deadline) {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
					OrderStatusChanged event = decoder.deserialize(status, record.value());
					if (event != null && ids.contains(event.getOrderId())
							&& (event.getStatus() == OrderStatus.DONE || event.getStatus() == OrderStatus.FAILED)
							&& finished.add(event.getOrderId())) {
						last = System.nanoTime();
						latency.recordValue(Math.max(1, (last - started) / 1000));
					}
				}
			}
			double seconds = Math.max(1e-3, (last - started) / 1e9);
			return new Result(name, instances, orders, finished.size() / seconds, LatencySummary.ofMicros(latency),
					orders - finished.size());
		}
	}

	private void adminSql(String sql) throws Exception {
		try (Connection connection = DriverManager.getConnection(this.adminJdbcUrl, this.user, this.password);
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

}
