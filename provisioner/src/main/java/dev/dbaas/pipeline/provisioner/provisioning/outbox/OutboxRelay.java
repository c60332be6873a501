package dev.dbaas.pipeline.provisioner.provisioning.outbox;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.dbaas.pipeline.provisioner.PipelineTopics;
import dev.dbaas.pipeline.provisioner.tracing.OrderTraces;

/**
 * Publishes outbox rows to the status topic, keyed by order id, and deletes them once the
 * broker acknowledged them (acks=all, idempotent producer).
 *
 * <p>
 * One relay in the fleet is active at a time: each batch runs under a transaction-scoped
 * PostgreSQL advisory lock, so rows go out in id order, which is sequence order per
 * order. Delivery is at least once: a crash between send and delete re-sends the batch
 * with the same event ids and sequences, which consumers de-duplicate.
 */
@Component
public class OutboxRelay implements SmartLifecycle {

	/** Starts before the workers and stops after them, so their last events go out. */
	public static final int PHASE = Integer.MAX_VALUE - 300;

	private static final long ADVISORY_LOCK_KEY = 0x70726f76_6f757462L;

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final KafkaTemplate<String, Object> kafka;

	private final String topic;

	private final OutboxProperties properties;

	private volatile boolean running;

	private volatile CountDownLatch stopping = new CountDownLatch(0);

	private @Nullable Thread thread;

	OutboxRelay(JdbcClient jdbc, TransactionTemplate transactions, KafkaTemplate<String, Object> kafka,
			PipelineTopics topics, OutboxProperties properties) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.kafka = kafka;
		this.topic = topics.orderStatus();
		this.properties = properties;
	}

	@Override
	public synchronized void start() {
		if (this.running) {
			return;
		}
		this.running = true;
		this.stopping = new CountDownLatch(1);
		Thread relay = new Thread(this::relayUntilStopped, "status-outbox-relay");
		relay.setDaemon(true);
		relay.start();
		this.thread = relay;
	}

	@Override
	public void stop() {
		Thread relay;
		synchronized (this) {
			if (!this.running) {
				return;
			}
			this.running = false;
			this.stopping.countDown();
			relay = this.thread;
		}
		if (relay != null) {
			try {
				relay.join(this.properties.sendTimeout().toMillis() + 5_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	/**
	 * Relays one batch, if this instance gets the relay lock.
	 * @return how many events were published
	 */
	public int relayBatch() {
		Integer relayed = this.transactions.execute((status) -> {
			Boolean leader = this.jdbc.sql("SELECT pg_try_advisory_xact_lock(:key)")
				.param("key", ADVISORY_LOCK_KEY)
				.query(Boolean.class)
				.single();
			if (!Boolean.TRUE.equals(leader)) {
				return 0;
			}
			List<OutboxRow> rows = this.jdbc
				.sql("SELECT id, order_id, payload, trace_parent FROM status_outbox ORDER BY id LIMIT :limit")
				.param("limit", this.properties.batchSize())
				.query((rs, n) -> new OutboxRow(rs.getLong("id"), rs.getString("order_id"), rs.getBytes("payload"),
						rs.getString("trace_parent")))
				.list();
			if (rows.isEmpty()) {
				return 0;
			}
			publish(rows);
			this.jdbc.sql("DELETE FROM status_outbox WHERE id = ANY(:ids)")
				.param("ids", new SqlArrayValue("bigint", rows.stream().map(OutboxRow::id).toArray()))
				.update();
			return rows.size();
		});
		return (relayed != null) ? relayed : 0;
	}

	private void publish(List<OutboxRow> rows) {
		List<CompletableFuture<SendResult<String, Object>>> sends = new ArrayList<>(rows.size());
		for (OutboxRow row : rows) {
			ProducerRecord<String, Object> record = new ProducerRecord<>(this.topic, row.orderId(), row.payload());
			if (row.traceParent() != null) {
				record.headers().add(OrderTraces.TRACEPARENT, row.traceParent().getBytes(StandardCharsets.US_ASCII));
			}
			sends.add(this.kafka.send(record));
		}
		this.kafka.flush();
		try {
			CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
				.get(this.properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new StatusRelayFailed("interrupted while waiting for the broker", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new StatusRelayFailed("broker did not acknowledge " + rows.size() + " status events", ex);
		}
	}

	private void relayUntilStopped() {
		while (this.running) {
			int relayed = 0;
			try {
				relayed = relayBatch();
			}
			catch (RuntimeException ex) {
				log.warn("Relaying status events failed; retrying after {}: {}", this.properties.pollInterval(),
						ex.toString());
			}
			if (relayed < this.properties.batchSize()) {
				try {
					this.stopping.await(this.properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
		// A last pass, so that events of steps finished during shutdown go out now.
		try {
			while (relayBatch() > 0) {
				// keep going until the outbox is empty or another relay holds the lock
			}
		}
		catch (RuntimeException ex) {
			log.info("Final status relay pass stopped: {}", ex.toString());
		}
	}

	private record OutboxRow(long id, String orderId, byte[] payload, @Nullable String traceParent) {
	}

	/**
	 * The broker did not take a batch of status events; the rows stay and are re-sent.
	 */
	static class StatusRelayFailed extends RuntimeException {

		StatusRelayFailed(String message, Throwable cause) {
			super(message, cause);
		}

	}

}
