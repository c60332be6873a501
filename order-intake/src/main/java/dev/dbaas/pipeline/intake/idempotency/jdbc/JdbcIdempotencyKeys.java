package dev.dbaas.pipeline.intake.idempotency.jdbc;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.dbaas.pipeline.intake.idempotency.IdempotencyKey;
import dev.dbaas.pipeline.intake.idempotency.IdempotencyKeys;
import dev.dbaas.pipeline.intake.idempotency.IdempotencyScope;
import dev.dbaas.pipeline.intake.idempotency.RememberedOutcome;
import dev.dbaas.pipeline.intake.idempotency.ScopedKey;
import org.postgresql.PGStatement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;

/**
 * Idempotency keys in PostgreSQL. A transaction-scoped advisory lock on a hash of client,
 * customer and key marks a request in progress without writing a row; the row is written
 * in the order's own transaction. Each method handles a group of keys in one statement
 * (locks and look-ups over {@code unnest} arrays, rows as one JDBC batch), so a group of
 * orders costs the same number of round trips as one.
 */
@Repository
class JdbcIdempotencyKeys implements IdempotencyKeys {

	private static final Logger log = LoggerFactory.getLogger(JdbcIdempotencyKeys.class);

	private static final int CLEANUP_BATCH = 10_000;

	private final JdbcClient jdbc;

	private final NamedParameterJdbcTemplate batch;

	private final IdempotencyProperties properties;

	JdbcIdempotencyKeys(JdbcClient jdbc, NamedParameterJdbcTemplate batch, IdempotencyProperties properties) {
		this.jdbc = jdbc;
		this.batch = batch;
		this.properties = properties;
	}

	@Override
	public boolean[] tryLock(List<ScopedKey> keys) {
		boolean[] locked = new boolean[keys.size()];
		if (keys.isEmpty()) {
			return locked;
		}
		Columns columns = new Columns(keys);
		List<Boolean> results = this.jdbc
			.sql("""
					SELECT pg_try_advisory_xact_lock(hashtextextended(client || chr(1) || customer || chr(1) || key, 20251125))
					FROM unnest(CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[])) WITH ORDINALITY AS k(client, customer, key, n)
					ORDER BY n
					""")
			.params(columns.clients, columns.customers, columns.keys)
			.query(Boolean.class)
			.list();
		for (int i = 0; i < locked.length; i++) {
			locked[i] = Boolean.TRUE.equals(results.get(i));
		}
		return locked;
	}

	/*
	 * Planned at every execution (never a server-side prepared statement): a cached
	 * generic plan, made while the table was small, kept scanning the whole table once it
	 * had grown; planned with the actual keys, it looks each one up by primary key.
	 */
	@Override
	public Map<ScopedKey, RememberedOutcome> find(List<ScopedKey> keys) {
		if (keys.isEmpty()) {
			return Map.of();
		}
		Columns columns = new Columns(keys);
		Map<ScopedKey, RememberedOutcome> outcomes = new HashMap<>();
		this.batch.getJdbcTemplate().query((connection) -> {
			PreparedStatement statement = connection.prepareStatement(
					"""
							SELECT i.client_id, i.customer_id, i.idempotency_key, i.request_fingerprint, i.order_id, i.placed_at,
							       i.instance_id
							FROM unnest(CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[])) AS k(client, customer, key)
							JOIN idempotency_keys i
							  ON i.client_id = k.client AND i.customer_id = k.customer AND i.idempotency_key = k.key
							WHERE i.expires_at > now()
							""");
			statement.unwrap(PGStatement.class).setPrepareThreshold(0);
			statement.setArray(1, connection.createArrayOf("text", columns.clients));
			statement.setArray(2, connection.createArrayOf("text", columns.customers));
			statement.setArray(3, connection.createArrayOf("text", columns.keys));
			return statement;
		}, (RowCallbackHandler) (rs) -> {
			ScopedKey key = new ScopedKey(new IdempotencyScope(rs.getString(1), rs.getString(2)),
					new IdempotencyKey(rs.getString(3)));
			outcomes.put(key, new RememberedOutcome(rs.getString(4), rs.getObject(5, UUID.class), rs.getString(7),
					rs.getTimestamp(6).toInstant()));
		});
		return outcomes;
	}

	@Override
	public void remember(Map<ScopedKey, RememberedOutcome> outcomes) {
		if (outcomes.isEmpty()) {
			return;
		}
		List<ScopedKey> keys = List.copyOf(outcomes.keySet());
		SqlParameterSource[] rows = keys.stream().map((key) -> {
			RememberedOutcome outcome = outcomes.get(key);
			return new MapSqlParameterSource().addValue("client", key.scope().clientId())
				.addValue("customer", key.scope().customerId())
				.addValue("key", key.key().value())
				.addValue("fingerprint", outcome.requestFingerprint())
				.addValue("orderId", outcome.resourceId())
				.addValue("instanceId", outcome.instanceId())
				.addValue("placedAt", Timestamp.from(outcome.createdAt()))
				.addValue("expiresAt", Timestamp.from(outcome.createdAt().plus(this.properties.retention())));
		}).toArray(SqlParameterSource[]::new);
		int[] written = this.batch.batchUpdate("""
				INSERT INTO idempotency_keys (client_id, customer_id, idempotency_key, request_fingerprint, order_id,
				                              instance_id, placed_at, expires_at)
				VALUES (:client, :customer, :key, :fingerprint, :orderId, :instanceId, :placedAt, :expiresAt)
				ON CONFLICT (client_id, customer_id, idempotency_key) DO UPDATE
				SET request_fingerprint = EXCLUDED.request_fingerprint, order_id = EXCLUDED.order_id,
				    instance_id = EXCLUDED.instance_id,
				    placed_at = EXCLUDED.placed_at, expires_at = EXCLUDED.expires_at
				WHERE idempotency_keys.expires_at <= now()
				""", rows);
		for (int i = 0; i < written.length; i++) {
			if (written[i] == 0) {
				throw new KeyAlreadyUsedException(keys.get(i));
			}
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

	/** The keys as three parallel arrays, for {@code unnest}. */
	private static final class Columns {

		final String[] clients;

		final String[] customers;

		final String[] keys;

		Columns(List<ScopedKey> scopedKeys) {
			int size = scopedKeys.size();
			this.clients = new String[size];
			this.customers = new String[size];
			this.keys = new String[size];
			for (int i = 0; i < size; i++) {
				ScopedKey key = scopedKeys.get(i);
				this.clients[i] = key.scope().clientId();
				this.customers[i] = key.scope().customerId();
				this.keys[i] = key.key().value();
			}
		}

	}

}
