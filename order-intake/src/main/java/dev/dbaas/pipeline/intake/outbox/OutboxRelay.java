package dev.dbaas.pipeline.intake.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.support.SendResult;
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
 * The thread runs when a commit {@linkplain RelaySignal signals} new rows, and at least
 * every {@code poll-interval}. When Kafka or PostgreSQL fails it backs off exponentially
 * up to {@code max-backoff}; rows wait in the table meanwhile.
 */
@Component
class OutboxRelay implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	private static final Duration MIN_BACKOFF = Duration.ofMillis(100);

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final KafkaTemplate<String, byte[]> kafka;

	private final ProducerFactory<String, byte[]> producerFactory;

	private final RelaySignal signal;

	private final OutboxProperties properties;

	private final OutboxMetrics metrics;

	private volatile boolean running;

	private @Nullable Thread thread;

	OutboxRelay(JdbcClient jdbc, TransactionTemplate transactions, KafkaTemplate<String, byte[]> kafka,
			ProducerFactory<String, byte[]> producerFactory, RelaySignal signal, OutboxProperties properties,
			OutboxMetrics metrics) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.kafka = kafka;
		this.producerFactory = producerFactory;
		this.signal = signal;
		this.properties = properties;
		this.metrics = metrics;
	}

	@Override
	public void start() {
		if (!this.properties.relayEnabled() || this.running) {
			return;
		}
		this.running = true;
		Thread relay = new Thread(this::relayUntilStopped, "outbox-relay");
		relay.setDaemon(true);
		this.thread = relay;
		relay.start();
	}

	@Override
	public void stop() {
		this.running = false;
		Thread relay = this.thread;
		if (relay != null) {
			relay.interrupt();
			try {
				relay.join(TimeUnit.SECONDS.toMillis(10));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.thread = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		// Stop before the web server and the data source go away, start after them.
		return SmartLifecycle.DEFAULT_PHASE - 1024;
	}

	private void relayUntilStopped() {
		Duration backoff = Duration.ZERO;
		while (this.running) {
			try {
				int relayed = relayBatch();
				backoff = Duration.ZERO;
				if (relayed < this.properties.batchSize()) {
					this.signal.await(this.properties.pollInterval());
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				if (!this.running) {
					return;
				}
				backoff = backoff.isZero() ? MIN_BACKOFF : min(backoff.multipliedBy(2), this.properties.maxBackoff());
				if (backoff.equals(MIN_BACKOFF)) {
					log.warn("Outbox relay failed, retrying with back-off up to {}: {}", this.properties.maxBackoff(),
							ex.toString());
				}
				else {
					log.debug("Outbox relay failed again, next try in {}", backoff, ex);
				}
				try {
					TimeUnit.NANOSECONDS.sleep(backoff.toNanos());
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

	/**
	 * Claims, publishes and marks one batch.
	 * @return how many rows were published
	 * @throws PublicationFailedException if Kafka did not acknowledge every claimed row
	 * (those acknowledged are marked anyway)
	 */
	int relayBatch() {
		BatchResult result = this.transactions.execute((status) -> publishClaimedRows());
		if (result == null) {
			return 0;
		}
		if (result.failure() != null) {
			throw new PublicationFailedException(result.published(), result.failure());
		}
		return result.published();
	}

	/*
	 * The claim needs no per-key rule: the table holds at most one unpublished row per
	 * key (unique partial index, see V3__one_unpublished_row_per_key.sql), so rows
	 * claimed by different instances never share a key.
	 */
	private BatchResult publishClaimedRows() {
		// Losing a "published" mark in a crash only republishes rows (at-least-once), so
		// the
		// relay's commits need not wait for the WAL flush; orders' commits still do.
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
			return new BatchResult(0, null);
		}
		List<CompletableFuture<SendResult<String, byte[]>>> sends = new ArrayList<>(rows.size());
		Exception failure = null;
		for (Row row : rows) {
			try {
				sends.add(this.kafka.send(row.record()));
			}
			catch (RuntimeException ex) {
				// e.g. max.block.ms exceeded while Kafka is unreachable: later rows would
				// fail too.
				failure = ex;
				break;
			}
		}
		this.kafka.flush();
		long deadline = System.nanoTime() + this.properties.sendTimeout().toNanos();
		List<Long> published = new ArrayList<>(sends.size());
		for (int i = 0; i < sends.size(); i++) {
			Row row = rows.get(i);
			try {
				sends.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
				published.add(row.id());
				this.metrics.published(Duration.between(row.createdAt(), Instant.now()));
			}
			catch (ExecutionException | TimeoutException ex) {
				failure = (failure != null) ? failure : ex;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				failure = ex;
				break;
			}
		}
		if (!published.isEmpty()) {
			this.jdbc.sql("UPDATE outbox SET published_at = now() WHERE id = ANY(CAST(:ids AS bigint[]))")
				.param("ids", published.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}")))
				.update();
		}
		if (failure != null) {
			resetProducerIfFatal(failure);
		}
		return new BatchResult(published.size(), failure);
	}

	private void resetProducerIfFatal(Exception failure) {
		Throwable cause = (failure instanceof ExecutionException && failure.getCause() != null) ? failure.getCause()
				: failure;
		if (!(cause instanceof RetriableException) && !(cause instanceof TimeoutException)
				&& !(cause instanceof InterruptedException)) {
			log.warn("Kafka producer failed with {}; closing it so that the next batch starts with a fresh one",
					cause.toString());
			this.producerFactory.reset();
		}
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	private record Row(long id, UUID eventId, String topic, String key, byte[] payload, Instant createdAt,
			@Nullable String traceParent) {

		ProducerRecord<String, byte[]> record() {
			ProducerRecord<String, byte[]> record = new ProducerRecord<>(this.topic, this.key, this.payload);
			record.headers().add(new RecordHeader("eventId", this.eventId.toString().getBytes(StandardCharsets.UTF_8)));
			if (this.traceParent != null) {
				record.headers()
					.add(new RecordHeader(CurrentTrace.TRACEPARENT,
							this.traceParent.getBytes(StandardCharsets.US_ASCII)));
			}
			return record;
		}

	}

	private record BatchResult(int published, @Nullable Exception failure) {
	}

	/**
	 * Kafka did not acknowledge every claimed row; the rest stay in the outbox.
	 */
	static class PublicationFailedException extends RuntimeException {

		PublicationFailedException(int published, Exception cause) {
			super("Kafka did not acknowledge the batch (" + published + " rows published before the failure): " + cause,
					cause);
		}

	}

}
