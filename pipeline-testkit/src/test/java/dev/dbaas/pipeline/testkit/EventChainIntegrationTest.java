package dev.dbaas.pipeline.testkit;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.dbaas.pipeline.events.OrderPlaced;
import dev.dbaas.pipeline.schemas.AvroEventSerializer;
import dev.dbaas.pipeline.schemas.OrderPlacedDeserializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole chain on real servers: serialize an {@code OrderPlaced}, produce it, consume
 * and decode it, upsert a row in PostgreSQL, read the row back.
 */
@RealInfrastructure
class EventChainIntegrationTest {

	@Test
	void orderPlacedTravelsFromProducerThroughKafkaIntoAPostgresRow(PipelineEnvironment env) throws Exception {
		OrderPlaced event = anOrderPlaced();
		try (KafkaProducer<String, Object> producer = producer(env)) {
			producer.send(new ProducerRecord<>(env.orderPlaced().name(), event.getOrderId(), event)).get();
		}

		List<OrderPlaced> received = consume(env, 1);
		createTable(env);
		for (OrderPlaced placed : received) {
			upsert(env, placed);
			upsert(env, placed);
		}

		try (Connection connection = env.dataSource().getConnection();
				PreparedStatement query = connection
					.prepareStatement("SELECT customer_id, database_type, storage_gb, trusted_sources, placed_at "
							+ "FROM orders WHERE order_id = ?")) {
			query.setString(1, event.getOrderId());
			try (ResultSet row = query.executeQuery()) {
				assertThat(row.next()).as("row for the order").isTrue();
				assertThat(row.getString("customer_id")).isEqualTo("c-1001");
				assertThat(row.getString("database_type")).isEqualTo("MARIADB");
				assertThat(row.getInt("storage_gb")).isEqualTo(50);
				assertThat((String[]) row.getArray("trusted_sources").getArray()).containsExactly("123.123.123.123/32",
						"222.222.222.128/28");
				assertThat(row.getTimestamp("placed_at").toInstant()).isEqualTo(event.getOccurredAt());
				assertThat(row.next()).as("exactly one row after a duplicate upsert").isFalse();
			}
		}
	}

	private static List<OrderPlaced> consume(PipelineEnvironment env, int expected) {
		Map<String, Object> props = consumerProps(env);
		props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, OrderPlacedDeserializer.class);
		List<OrderPlaced> received = new ArrayList<>();
		try (KafkaConsumer<String, OrderPlaced> consumer = new KafkaConsumer<>(props)) {
			consumer.subscribe(List.of(env.orderPlaced().name()));
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (received.size() < expected && System.nanoTime() < deadline) {
				consumer.poll(Duration.ofMillis(200)).forEach((record) -> received.add(record.value()));
			}
		}
		assertThat(received).hasSize(expected);
		return received;
	}

	static Map<String, Object> consumerProps(PipelineEnvironment env) {
		Map<String, Object> props = new java.util.HashMap<>();
		props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, env.bootstrapServers());
		props.put(ConsumerConfig.GROUP_ID_CONFIG, "chain-" + UUID.randomUUID());
		props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		return props;
	}

	static KafkaProducer<String, Object> producer(PipelineEnvironment env) {
		Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, env.bootstrapServers(),
				ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
				ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, PassThroughOrAvroSerializer.class);
		return new KafkaProducer<>(props);
	}

	private static void createTable(PipelineEnvironment env) throws SQLException {
		try (Connection connection = env.dataSource().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("""
					CREATE TABLE IF NOT EXISTS orders (
					  order_id text PRIMARY KEY,
					  customer_id text NOT NULL,
					  database_type text NOT NULL,
					  storage_gb int NOT NULL,
					  trusted_sources text[] NOT NULL,
					  placed_at timestamptz NOT NULL)
					""");
		}
	}

	private static void upsert(PipelineEnvironment env, OrderPlaced event) throws SQLException {
		try (Connection connection = env.dataSource()
			.getConnection(); PreparedStatement upsert = connection.prepareStatement("""
					INSERT INTO orders (order_id, customer_id, database_type, storage_gb, trusted_sources, placed_at)
					VALUES (?, ?, ?, ?, ?, ?)
					ON CONFLICT (order_id) DO UPDATE SET customer_id = EXCLUDED.customer_id
					""")) {
			Array sources = connection.createArrayOf("text", event.getTrustedSources().toArray());
			upsert.setString(1, event.getOrderId());
			upsert.setString(2, event.getCustomerId());
			upsert.setString(3, event.getDatabaseType().name());
			upsert.setInt(4, event.getStorageGb());
			upsert.setArray(5, sources);
			upsert.setTimestamp(6, Timestamp.from(event.getOccurredAt()));
			upsert.executeUpdate();
		}
	}

	static OrderPlaced anOrderPlaced() {
		return Events.anOrderPlaced().build();
	}

	/** Lets a test produce raw poison bytes and real events through one producer. */
	public static class PassThroughOrAvroSerializer
			implements org.apache.kafka.common.serialization.Serializer<Object> {

		private final AvroEventSerializer avro = new AvroEventSerializer();

		private final ByteArraySerializer bytes = new ByteArraySerializer();

		@Override
		public byte[] serialize(String topic, Object data) {
			return (data instanceof byte[] raw) ? this.bytes.serialize(topic, raw)
					: this.avro.serialize(topic, (org.apache.avro.specific.SpecificRecord) data);
		}

	}

}
