package dev.dbaas.pipeline.intake.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.dbaas.pipeline.contract.kafka.PipelineHeaders;
import dev.dbaas.pipeline.contract.outbox.BatchSend;
import dev.dbaas.pipeline.contract.outbox.RelayLoop;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes outbox rows to Kafka and marks them published.
 *
 * <p>
 * One thread per instance claims up to {@code batch-size} unpublished rows with
 * {@code FOR UPDATE SKIP LOCKED}, so several instances relay side by side without
 * publishing the same row twice. The table admits one unpublished row per key (order), so
 * no two instances ever hold rows of the same key, and records of one key reach Kafka in
 * the order they were written. Each record carries its row's {@code eventId} and, when
 * the row has one, its {@code traceparent} header. The producer is idempotent with
 * {@code acks=all}. A row is marked published only after Kafka acknowledged it; a crash
 * between the two publishes it again (at-least-once, consumers de-duplicate by eventId).
 *
 * <p>
 * The thread ({@link RelayLoop}) runs when a commit {@linkplain #wake() signals} new
 * rows, and at least every {@code poll-interval}. When Kafka or PostgreSQL fails it backs
 * off exponentially up to {@code max-backoff}; rows wait in the table meanwhile.
 */
@Component
class OutboxRelay extends RelayLoop {

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	private static final Duration MIN_BACKOFF = Duration.ofMillis(100);

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final KafkaTemplate<String, byte[]> kafka;

	private final ProducerFactory<String, byte[]> producerFactory;

	private final OutboxProperties properties;

	private final OutboxMetrics metrics;

	OutboxRelay(JdbcClient jdbc, TransactionTemplate transactions, KafkaTemplate<String, byte[]> kafka,
			ProducerFactory<String, byte[]> producerFactory, OutboxProperties properties, OutboxMetrics metrics) {
		// Stops before the web server and the data source go away, starts after them;
		// interrupted at once on stop, the rows wait for the next start.
		super(new Settings("outbox-relay", properties.batchSize(), properties.pollInterval(),
				(MIN_BACKOFF.compareTo(properties.maxBackoff()) <= 0) ? MIN_BACKOFF : properties.maxBackoff(),
				properties.maxBackoff(), Duration.ZERO, false, SmartLifecycle.DEFAULT_PHASE - 1024));
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.kafka = kafka;
		this.producerFactory = producerFactory;
		this.properties = properties;
		this.metrics = metrics;
	}

	@Override
	protected boolean enabled() {
		return this.properties.relayEnabled();
	}

	/**
	 * Claims, publishes and marks one batch.
	 * @return how many rows were published
	 * @throws BatchSend.NotAcknowledgedException if Kafka did not acknowledge every
	 * claimed row (those acknowledged are marked anyway)
	 */
	@Override
	public int relayBatch() {
		BatchResult result = this.transactions.execute((status) -> publishClaimedRows());
		if (result == null) {
			return 0;
		}
		result.outcome().requireComplete("outbox rows");
		return result.published();
	}

	/*
	 * The claim needs no per-key rule: the table holds at most one unpublished row per
	 * key (unique partial index, see V3__one_unpublished_row_per_key.sql), so rows
	 * claimed by different instances never share a key.
	 */
	private @Nullable BatchResult publishClaimedRows() {
		// Losing a "published" mark in a crash only republishes rows (at-least-once), so
		// the relay's commits need not wait for the WAL flush; orders' commits still do.
		this.jdbc.sql("SET LOCAL synchronous_commit = off").update();
		List<Row> rows = this.jdbc.sql("""
				SELECT o.id, o.event_id, o.topic, o.message_key, o.payload, o.created_at, o.trace_parent
				FROM outbox o
				WHERE o.published_at IS NULL
				ORDER BY o.id
				LIMIT :batch
				FOR UPDATE OF o SKIP LOCKED
				""")
			.param("batch", this.properties.batchSize())
			.query((rs, rowNum) -> new Row(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
					rs.getBytes(5), rs.getTimestamp(6).toInstant(), rs.getString(7)))
			.list();
		if (rows.isEmpty()) {
			return null;
		}
		BatchSend.Outcome outcome = BatchSend.send(this.kafka, rows.stream().map(Row::record).toList(),
				this.properties.sendTimeout());
		List<Long> published = new ArrayList<>(rows.size());
		for (int i = 0; i < rows.size(); i++) {
			if (outcome.acknowledged(i)) {
				published.add(rows.get(i).id());
				this.metrics.published(Duration.between(rows.get(i).createdAt(), Instant.now()));
			}
		}
		if (!published.isEmpty()) {
			this.jdbc.sql("UPDATE outbox SET published_at = now() WHERE id = ANY(CAST(:ids AS bigint[]))")
				.param("ids", published.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}")))
				.update();
		}
		if (outcome.producerFailedFatally()) {
			log.warn("Kafka producer failed with {}; closing it so that the next batch starts with a fresh one",
					outcome.failure());
			this.producerFactory.reset();
		}
		return new BatchResult(published.size(), outcome);
	}

	private record Row(long id, UUID eventId, String topic, String key, byte[] payload, Instant createdAt,
			@Nullable String traceParent) {

		ProducerRecord<String, byte[]> record() {
			ProducerRecord<String, byte[]> record = new ProducerRecord<>(this.topic, this.key, this.payload);
			record.headers()
				.add(new RecordHeader(PipelineHeaders.EVENT_ID,
						this.eventId.toString().getBytes(StandardCharsets.UTF_8)));
			if (this.traceParent != null) {
				record.headers()
					.add(new RecordHeader(PipelineHeaders.TRACEPARENT,
							this.traceParent.getBytes(StandardCharsets.US_ASCII)));
			}
			return record;
		}

	}

	private record BatchResult(int published, BatchSend.Outcome outcome) {
	}

}
