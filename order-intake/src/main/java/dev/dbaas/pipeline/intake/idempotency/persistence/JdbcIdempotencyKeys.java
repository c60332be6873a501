package dev.dbaas.pipeline.intake.idempotency.persistence;

import java.sql.Timestamp;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.dbaas.pipeline.intake.idempotency.IdempotencyKey;
import dev.dbaas.pipeline.intake.idempotency.IdempotencyKeys;
import dev.dbaas.pipeline.intake.idempotency.IdempotencyScope;
import dev.dbaas.pipeline.intake.idempotency.RememberedOutcome;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;

/**
 * Idempotency keys in PostgreSQL. A transaction-scoped advisory lock on a hash of client,
 * customer and key marks a request in progress without writing a row, so an order costs
 * one commit; the row is written in the order's own transaction.
 */
@Repository
class JdbcIdempotencyKeys implements IdempotencyKeys {

	private static final Logger log = LoggerFactory.getLogger(JdbcIdempotencyKeys.class);

	private static final int CLEANUP_BATCH = 10_000;

	private final JdbcClient jdbc;

	private final IdempotencyProperties properties;

	JdbcIdempotencyKeys(JdbcClient jdbc, IdempotencyProperties properties) {
		this.jdbc = jdbc;
		this.properties = properties;
	}

	@Override
	public boolean tryLock(IdempotencyScope scope, IdempotencyKey key) {
		Boolean locked = this.jdbc
			.sql("SELECT pg_try_advisory_xact_lock(hashtextextended(:client || chr(1) || :customer || chr(1) || :key, "
					+ "20251125))")
			.param("client", scope.clientId())
			.param("customer", scope.customerId())
			.param("key", key.value())
			.query(Boolean.class)
			.single();
		return Boolean.TRUE.equals(locked);
	}

	@Override
	public Optional<RememberedOutcome> find(IdempotencyScope scope, IdempotencyKey key) {
		return this.jdbc.sql("""
				SELECT request_fingerprint, order_id, placed_at FROM idempotency_keys
				WHERE client_id = :client AND customer_id = :customer AND idempotency_key = :key AND expires_at > now()
				""")
			.param("client", scope.clientId())
			.param("customer", scope.customerId())
			.param("key", key.value())
			.query((rs, row) -> new RememberedOutcome(rs.getString(1), rs.getObject(2, UUID.class),
					rs.getTimestamp(3).toInstant()))
			.optional();
	}

	@Override
	public void remember(IdempotencyScope scope, IdempotencyKey key, RememberedOutcome outcome) {
		int written = this.jdbc.sql("""
				INSERT INTO idempotency_keys (client_id, customer_id, idempotency_key, request_fingerprint, order_id,
				                              placed_at, expires_at)
				VALUES (:client, :customer, :key, :fingerprint, :orderId, :placedAt, :expiresAt)
				ON CONFLICT (client_id, customer_id, idempotency_key) DO UPDATE
				SET request_fingerprint = EXCLUDED.request_fingerprint, order_id = EXCLUDED.order_id,
				    placed_at = EXCLUDED.placed_at, expires_at = EXCLUDED.expires_at
				WHERE idempotency_keys.expires_at <= now()
				""")
			.param("client", scope.clientId())
			.param("customer", scope.customerId())
			.param("key", key.value())
			.param("fingerprint", outcome.requestFingerprint())
			.param("orderId", outcome.resourceId())
			.param("placedAt", Timestamp.from(outcome.createdAt()))
			.param("expiresAt", Timestamp.from(outcome.createdAt().plus(this.properties.retention())))
			.update();
		if (written == 0) {
			throw new KeyAlreadyUsedException(scope, key);
		}
	}

	/**
	 * Deletes expired keys in batches, so that no single statement holds many locks.
	 * @return how many keys were deleted
	 */
	@Scheduled(fixedDelayString = "${intake.idempotency.cleanup-interval}",
			initialDelayString = "${intake.idempotency.cleanup-interval}")
	public int deleteExpired() {
		int total = 0;
		int deleted;
		do {
			deleted = this.jdbc.sql("""
					DELETE FROM idempotency_keys WHERE ctid IN (
					    SELECT ctid FROM idempotency_keys WHERE expires_at <= now() LIMIT :batch)
					""").param("batch", CLEANUP_BATCH).update();
			total += deleted;
		}
		while (deleted == CLEANUP_BATCH);
		if (total > 0) {
			log.info("Deleted {} expired idempotency keys", total);
		}
		return total;
	}

}
