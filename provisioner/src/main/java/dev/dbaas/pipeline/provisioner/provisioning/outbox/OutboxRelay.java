package dev.dbaas.pipeline.provisioner.provisioning.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import dev.dbaas.pipeline.contract.kafka.PipelineHeaders;
import dev.dbaas.pipeline.contract.kafka.PipelineTopics;
import dev.dbaas.pipeline.contract.outbox.BatchSend;
import dev.dbaas.pipeline.contract.outbox.RelayLoop;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes outbox rows to the status topic, keyed by order id, and deletes them once the
 * broker acknowledged them (acks=all, idempotent producer).
 *
 * <p>
 * One relay in the fleet is active at a time: each batch runs under a transaction-scoped
 * PostgreSQL advisory lock, so rows go out in id order, which is sequence order per order
 * (decision 0011). Only the acknowledged prefix of a batch is deleted, so a row never
 * overtakes an earlier one that failed. Delivery is at least once: a crash between send
 * and delete re-sends the rows with the same event ids and sequences, which consumers
 * de-duplicate.
 *
 * <p>
 * The loop ({@link RelayLoop}) polls every {@code poll-interval}, also after a failure;
 * on stop it waits for the batch in hand and relays what is left.
 */
@Component
public class OutboxRelay extends RelayLoop {

	/** Starts before the workers and stops after them, so their last events go out. */
	public static final int PHASE = Integer.MAX_VALUE - 300;

	private static final long ADVISORY_LOCK_KEY = 0x70726f76_6f757462L;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final KafkaTemplate<String, Object> kafka;

	private final String topic;

	private final OutboxProperties properties;

	OutboxRelay(JdbcClient jdbc, TransactionTemplate transactions, KafkaTemplate<String, Object> kafka,
			PipelineTopics topics, OutboxProperties properties) {
		super(new Settings("status-outbox-relay", properties.batchSize(), properties.pollInterval(),
				properties.pollInterval(), properties.pollInterval(),
				properties.sendTimeout().plus(Duration.ofSeconds(5)), true, PHASE));
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.kafka = kafka;
		this.topic = topics.orderStatus();
		this.properties = properties;
	}

	/**
	 * Relays one batch, if this instance gets the relay lock.
	 * @return how many events were published
	 * @throws BatchSend.NotAcknowledgedException if the broker did not take the whole
	 * batch; its acknowledged prefix is deleted anyway
	 */
	@Override
	public int relayBatch() {
		BatchSend.Outcome outcome = this.transactions.execute((status) -> {
			Boolean leader = this.jdbc.sql("SELECT pg_try_advisory_xact_lock(:key)")
				.param("key", ADVISORY_LOCK_KEY)
				.query(Boolean.class)
				.single();
			if (!Boolean.TRUE.equals(leader)) {
				return null;
			}
			List<OutboxRow> rows = this.jdbc
				.sql("SELECT id, order_id, payload, trace_parent FROM status_outbox ORDER BY id LIMIT :limit")
				.param("limit", this.properties.batchSize())
				.query((rs, n) -> new OutboxRow(rs.getLong("id"), rs.getString("order_id"), rs.getBytes("payload"),
						rs.getString("trace_parent")))
				.list();
			if (rows.isEmpty()) {
				return null;
			}
			BatchSend.Outcome sent = BatchSend.send(this.kafka, rows.stream().map(this::record).toList(),
					this.properties.sendTimeout());
			Object[] delivered = rows.subList(0, sent.acknowledgedPrefix()).stream().map(OutboxRow::id).toArray();
			if (delivered.length > 0) {
				this.jdbc.sql("DELETE FROM status_outbox WHERE id = ANY(:ids)")
					.param("ids", new SqlArrayValue("bigint", delivered))
					.update();
			}
			return sent;
		});
		if (outcome == null) {
			return 0;
		}
		outcome.requireComplete("status events");
		return outcome.acknowledgedPrefix();
	}

	private ProducerRecord<String, Object> record(OutboxRow row) {
		ProducerRecord<String, Object> record = new ProducerRecord<>(this.topic, row.orderId(), row.payload());
		if (row.traceParent() != null) {
			record.headers().add(PipelineHeaders.TRACEPARENT, row.traceParent().getBytes(StandardCharsets.US_ASCII));
		}
		return record;
	}

	private record OutboxRow(long id, String orderId, byte[] payload, @Nullable String traceParent) {
	}

}
