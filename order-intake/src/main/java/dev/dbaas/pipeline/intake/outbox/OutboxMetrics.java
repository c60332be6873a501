package dev.dbaas.pipeline.intake.outbox;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Outbox metrics: {@code outbox_backlog} (unpublished rows),
 * {@code outbox_oldest_unpublished_age_seconds} and
 * {@code outbox_publish_latency_seconds} (commit to Kafka acknowledgement). The two
 * gauges read the table at most once a second, and show NaN while PostgreSQL is
 * unreachable.
 */
@Component
class OutboxMetrics {

	private static final long CACHE_NANOS = Duration.ofSeconds(1).toNanos();

	private final JdbcClient jdbc;

	private final Timer publishLatency;

	private final AtomicReference<@Nullable Snapshot> snapshot = new AtomicReference<>();

	OutboxMetrics(JdbcClient jdbc, MeterRegistry registry) {
		this.jdbc = jdbc;
		this.publishLatency = Timer.builder("outbox.publish.latency")
			.description("Time from writing an outbox row to Kafka acknowledging its record")
			.publishPercentileHistogram()
			.register(registry);
		Gauge.builder("outbox.backlog", this, (metrics) -> metrics.current().backlog())
			.description("Outbox rows not yet published to Kafka")
			.register(registry);
		Gauge.builder("outbox.oldest.unpublished.age", this, (metrics) -> metrics.current().oldestAgeSeconds())
			.description("Age of the oldest outbox row not yet published to Kafka; 0 when the backlog is empty")
			.baseUnit("seconds")
			.register(registry);
	}

	void published(Duration sinceWritten) {
		this.publishLatency.record(sinceWritten);
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
					FROM outbox WHERE published_at IS NULL
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
