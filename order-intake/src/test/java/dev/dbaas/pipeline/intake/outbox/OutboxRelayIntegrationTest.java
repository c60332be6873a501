package dev.dbaas.pipeline.intake.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import dev.dbaas.pipeline.testkit.RealInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
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
		for (int i = 1; i <= 3; i++) {
			String value = "event " + i;
			this.transactions.executeWithoutResult((status) -> this.outbox.append(message(key, value)));
			this.relay.relayBatch();
		}

		assertThat(unpublished(key)).isZero();
		assertThat(valuesOnTopic(key, 3)).containsExactly("event 1", "event 2", "event 3");
	}

	@Test
	void admitsOneUnpublishedRowPerKey() {
		String key = "order-" + UUID.randomUUID();

		assertThatExceptionOfType(DuplicateKeyException.class)
			.isThrownBy(() -> this.transactions.executeWithoutResult((status) -> {
				this.outbox.append(message(key, "first"));
				this.outbox.append(message(key, "second"));
			}));
		assertThat(unpublished(key)).isZero();
	}

	@Test
	void skipsRowsAnotherInstanceHasClaimed() throws Exception {
		String claimedKey = "order-" + UUID.randomUUID();
		String freeKey = "order-" + UUID.randomUUID();
		this.transactions.executeWithoutResult((status) -> {
			this.outbox.append(message(claimedKey, "claimed elsewhere"));
			this.outbox.append(message(freeKey, "other order"));
		});
		long claimedId = this.jdbc.sql("SELECT id FROM outbox WHERE message_key = :key")
			.param("key", claimedKey)
			.query(Long.class)
			.single();

		try (Connection otherInstance = this.dataSource.getConnection()) {
			otherInstance.setAutoCommit(false);
			try (PreparedStatement claim = otherInstance
				.prepareStatement("SELECT id FROM outbox WHERE id = ? FOR UPDATE SKIP LOCKED")) {
				claim.setLong(1, claimedId);
				claim.executeQuery().close();
			}

			this.relay.relayBatch();

			assertThat(unpublished(freeKey)).isZero();
			assertThat(unpublished(claimedKey)).isEqualTo(1);
			try (PreparedStatement publish = otherInstance
				.prepareStatement("UPDATE outbox SET published_at = now() WHERE id = ?")) {
				publish.setLong(1, claimedId);
				publish.executeUpdate();
			}
			otherInstance.commit();
		}

		this.relay.relayBatch();

		assertThat(valuesOnTopic(freeKey, 1)).containsExactly("other order");
		assertThat(valuesOnTopic(claimedKey, 0)).isEmpty();
	}

	@Test
	void deletesPublishedRowsOnlyAfterTheRetention() {
		String oldKey = "order-" + UUID.randomUUID();
		String recentKey = "order-" + UUID.randomUUID();
		this.transactions.executeWithoutResult((status) -> {
			this.outbox.append(message(oldKey, "old"));
			this.outbox.append(message(recentKey, "recent"));
		});
		this.jdbc.sql("UPDATE outbox SET published_at = now() - interval '2 hours' WHERE message_key = :key")
			.param("key", oldKey)
			.update();
		this.jdbc.sql("UPDATE outbox SET published_at = now() - interval '1 minute' WHERE message_key = :key")
			.param("key", recentKey)
			.update();

		this.cleanup.deletePublished();

		assertThat(this.jdbc.sql("SELECT count(*) FROM outbox WHERE message_key IN (:keys)")
			.param("keys", List.of(oldKey, recentKey))
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(this.jdbc.sql("SELECT count(*) FROM outbox WHERE message_key = :key")
			.param("key", recentKey)
			.query(Long.class)
			.single()).isEqualTo(1);
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
			// Polls until the expected count arrived, and at least twice so that nothing
			// extra slips by.
			int[] polls = { 0 };
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(300))) {
					if (key.equals(record.key())) {
						values.add(record.value());
					}
				}
				return ++polls[0] >= 2 && values.size() >= expected;
			});
			return values;
		}
	}

}
