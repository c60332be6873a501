package dev.dbaas.pipeline.provisioner.provisioning.workers;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Gauges of orders still in PROCESSING after their deadline, read from the job store that
 * the whole fleet shares: {@code provisioning_jobs_past_deadline} and
 * {@code provisioning_oldest_past_deadline_seconds} (how long the most overdue job has
 * been past its deadline; 0 when none is). The deadline sweeper fails such jobs with
 * {@code PROVISIONING_TIMEOUT} every {@code provisioner.workers.deadline-sweep-interval},
 * so anything above a few sweep intervals means the sweep does not happen or does not
 * succeed. The query uses the partial index on {@code deadline}; it runs at most once a
 * second, and both gauges show NaN while PostgreSQL is unreachable.
 *
 * <p>
 * Thread-safe.
 */
@Component
class DeadlineMetrics {

	private static final long CACHE_NANOS = Duration.ofSeconds(1).toNanos();

	private final JdbcClient jdbc;

	private final AtomicReference<@Nullable Snapshot> snapshot = new AtomicReference<>();

	DeadlineMetrics(JdbcClient jdbc, MeterRegistry registry) {
		this.jdbc = jdbc;
		Gauge.builder("provisioning.jobs.past.deadline", this, (metrics) -> metrics.current().jobs())
			.description("Orders still PROCESSING although their provisioning deadline has passed")
			.register(registry);
		Gauge.builder("provisioning.oldest.past.deadline", this, (metrics) -> metrics.current().oldestSeconds())
			.description("How long the most overdue PROCESSING order has been past its deadline; 0 when none is")
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
					SELECT count(*), COALESCE(EXTRACT(EPOCH FROM clock_timestamp() - min(deadline)), 0)
					FROM provisioning_job WHERE state = 'PROCESSING' AND deadline <= clock_timestamp()
					""").query((rs, row) -> new Snapshot(now, rs.getLong(1), rs.getDouble(2))).single();
		}
		catch (RuntimeException ex) {
			fresh = new Snapshot(now, Double.NaN, Double.NaN);
		}
		this.snapshot.set(fresh);
		return fresh;
	}

	private record Snapshot(long takenAt, double jobs, double oldestSeconds) {
	}

}
