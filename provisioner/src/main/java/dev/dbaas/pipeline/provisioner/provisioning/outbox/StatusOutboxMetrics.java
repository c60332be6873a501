package dev.dbaas.pipeline.provisioner.provisioning.outbox;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Gauges of the status outbox, named like order-intake's so that one alert covers both
 * outboxes: {@code outbox_backlog} (rows not yet relayed) and
 * {@code outbox_oldest_unpublished_age_seconds} (0 when the outbox is empty). Rows are
 * deleted once relayed, so every row counts. The table is read at most once a second per
 * scrape burst; both gauges show NaN while PostgreSQL is unreachable.
 *
 * <p>
 * Thread-safe.
 */
@Component
class StatusOutboxMetrics {

	private static final long CACHE_NANOS = Duration.ofSeconds(1).toNanos();

	private final JdbcClient jdbc;

	private final AtomicReference<@Nullable Snapshot> snapshot = new AtomicReference<>();

	StatusOutboxMetrics(JdbcClient jdbc, MeterRegistry registry) {
		this.jdbc = jdbc;
		Gauge.builder("outbox.backlog", this, (metrics) -> metrics.current().backlog())
			.description("Status events written to the outbox and not yet relayed to Kafka")
			.register(registry);
		Gauge.builder("outbox.oldest.unpublished.age", this, (metrics) -> metrics.current().oldestAgeSeconds())
			.description("Age of the oldest status event not yet relayed to Kafka; 0 when the outbox is empty")
			.baseUnit("seconds")
			.register(registry);
	}

	private Snapshot current() {
		Snapshot last = this.snapshot.get();
		long now = System.nanoTime();
		if (last != null && now - last.takenAt() < CACHE_NANOS) {
			return last;
		}
		Snapshot fresh;
		try {
			fresh = this.jdbc.sql("""
					SELECT count(*), COALESCE(EXTRACT(EPOCH FROM clock_timestamp() - min(created_at)), 0)
					FROM status_outbox
					""").query((rs, row) -> new Snapshot(now, rs.getLong(1), rs.getDouble(2))).single();
		}
		catch (RuntimeException ex) {
			fresh = new Snapshot(now, Double.NaN, Double.NaN);
		}
		this.snapshot.set(fresh);
		return fresh;
	}

	private record Snapshot(long takenAt, double backlog, double oldestAgeSeconds) {
	}

}
