package dev.dbaas.pipeline.intake.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import dev.dbaas.pipeline.testkit.RealInfrastructure;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The relay's claiming rules on real PostgreSQL and Kafka. The relay thread is off; each
 * test drives batches itself and plays a second instance with its own connection.
 */
@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = "intake.outbox.relay-enabled=false")
class OutboxRelayIntegrationTest {

	@Autowired
	OutboxRelay relay;

	@Autowired
	Outbox outbox;

	@Autowired
	OutboxCleanup cleanup;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	@Value("${spring.kafka.bootstrap-servers}")
	String bootstrapServers;

	@Value("${pipeline.topics.order-status-dlt}")
	String topic;

	@Test
	void publishesRowsOfOneKeyInTheOrderTheyWereWritten() {
		String key = "order-" + UUID.randomUUID();
		this.transactions.executeWithoutResult((status) -> {
			for (int i = 1; i <= 5; i++) {
				this.outbox.append(message(key, "event " + i));
			}
		});

		await().atMost(Duration.ofSeconds(30)).until(() -> {
			this.relay.relayBatch();
			return unpublished(key) == 0;
		});

		assertThat(valuesOnTopic(key, 5)).containsExactly("event 1", "event 2", "event 3", "event 4", "event 5");
	}

	@Test
	void skipsRowsAnotherInstanceClaimedAndHoldsBackLaterRowsOfTheirKey() throws Exception {
		String claimedKey = "order-" + UUID.randomUUID();
		String freeKey = "order-" + UUID.randomUUID();
		this.transactions.executeWithoutResult((status) -> {
			this.outbox.append(message(claimedKey, "first"));
			this.outbox.append(message(claimedKey, "second"));
			this.outbox.append(message(freeKey, "other order"));
		});
		long firstId = this.jdbc.sql("SELECT min(id) FROM outbox WHERE message_key = :key")
			.param("key", claimedKey)
			.query(Long.class)
			.single();

		try (Connection otherInstance = this.dataSource.getConnection()) {
			otherInstance.setAutoCommit(false);
			try (PreparedStatement claim = otherInstance
				.prepareStatement("SELECT id FROM outbox WHERE id = ? FOR UPDATE SKIP LOCKED")) {
				claim.setLong(1, firstId);
				claim.executeQuery().close();
			}

			this.relay.relayBatch();

			assertThat(unpublished(freeKey)).isZero();
			assertThat(unpublished(claimedKey)).isEqualTo(2);
			try (PreparedStatement publish = otherInstance
				.prepareStatement("UPDATE outbox SET published_at = now() WHERE id = ?")) {
				publish.setLong(1, firstId);
				publish.executeUpdate();
			}
			otherInstance.commit();
		}

		this.relay.relayBatch();

		assertThat(unpublished(claimedKey)).isZero();
		assertThat(valuesOnTopic(claimedKey, 1)).containsExactly("second");
	}

	@Test
	void deletesPublishedRowsOnlyAfterTheRetention() {
		String key = "order-" + UUID.randomUUID();
		this.transactions.executeWithoutResult((status) -> {
			this.outbox.append(message(key, "old"));
			this.outbox.append(message(key, "recent"));
		});
		this.jdbc.sql("""
				UPDATE outbox SET published_at = now() - CASE WHEN payload = CAST('old' AS bytea)
				    THEN interval '2 hours' ELSE interval '1 minute' END
				WHERE message_key = :key
				""").param("key", key).update();

		this.cleanup.deletePublished();

		assertThat(this.jdbc.sql("SELECT convert_from(payload, 'UTF8') FROM outbox WHERE message_key = :key")
			.param("key", key)
			.query(String.class)
			.list()).containsExactly("recent");
	}

	private OutboxMessage message(String key, String value) {
		return new OutboxMessage(UUID.randomUUID(), this.topic, key, value.getBytes(StandardCharsets.UTF_8));
	}

	private long unpublished(String key) {
		return this.jdbc.sql("SELECT count(*) FROM outbox WHERE message_key = :key AND published_at IS NULL")
			.param("key", key)
			.query(Long.class)
			.single();
	}

	private List<String> valuesOnTopic(String key, int expected) {
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers,
						ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
						ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
			List<TopicPartition> partitions = consumer.partitionsFor(this.topic, Duration.ofSeconds(30))
				.stream()
				.map((info) -> new TopicPartition(this.topic, info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			List<String> values = new java.util.ArrayList<>();
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
					if (key.equals(record.key())) {
						values.add(record.value());
					}
				}
				return values.size() >= expected;
			});
			return values;
		}
	}

}
