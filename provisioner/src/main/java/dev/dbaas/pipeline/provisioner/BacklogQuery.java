package dev.dbaas.pipeline.provisioner;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A backlog read from PostgreSQL by one query that selects how many rows wait and how
 * many seconds the oldest of them has waited (0 when none waits), for a pair of gauges.
 * The query runs at most once a second however often the gauges are scraped; both values
 * are NaN while PostgreSQL is unreachable.
 *
 * <p>
 * Thread-safe.
 */
public final class BacklogQuery {

	private static final long CACHE_NANOS = Duration.ofSeconds(1).toNanos();

	private final JdbcClient jdbc;

	private final String sql;

	private final AtomicReference<@Nullable Snapshot> snapshot = new AtomicReference<>();

	/**
	 * Creates a backlog that is read on demand.
	 * @param jdbc the database to read
	 * @param sql a query with one row of two columns: the count, then the age of the
	 * oldest in seconds
	 */
	public BacklogQuery(JdbcClient jdbc, String sql) {
		this.jdbc = jdbc;
		this.sql = sql;
	}

	/**
	 * How many rows wait.
	 * @return the count, or NaN while the database is unreachable
	 */
	public double size() {
		return current().size();
	}

	/**
	 * How long the oldest row has waited.
	 * @return seconds, 0 when none waits, or NaN while the database is unreachable
	 */
	public double oldestAgeSeconds() {
		return current().oldestAgeSeconds();
	}

	private Snapshot current() {
		Snapshot last = this.snapshot.get();
		long now = System.nanoTime();
		if (last != null && now - last.takenAt() < CACHE_NANOS) {
			return last;
		}
		Snapshot fresh;
		try {
			fresh = this.jdbc.sql(this.sql)
				.query((rs, row) -> new Snapshot(now, rs.getLong(1), rs.getDouble(2)))
				.single();
		}
		catch (RuntimeException ex) {
			fresh = new Snapshot(now, Double.NaN, Double.NaN);
		}
		this.snapshot.set(fresh);
		return fresh;
	}

	private record Snapshot(long takenAt, double size, double oldestAgeSeconds) {
	}

}
