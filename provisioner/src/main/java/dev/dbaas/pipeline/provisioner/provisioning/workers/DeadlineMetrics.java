package dev.dbaas.pipeline.provisioner.provisioning.workers;

import dev.dbaas.pipeline.provisioner.BacklogQuery;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

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

	private final BacklogQuery overdue;

	DeadlineMetrics(JdbcClient jdbc, MeterRegistry registry) {
		this.overdue = new BacklogQuery(jdbc, """
				SELECT count(*), COALESCE(EXTRACT(EPOCH FROM clock_timestamp() - min(deadline)), 0)
				FROM provisioning_job WHERE state = 'PROCESSING' AND deadline <= clock_timestamp()
				""");
		Gauge.builder("provisioning.jobs.past.deadline", this, (metrics) -> metrics.overdue.size())
			.description("Orders still PROCESSING although their provisioning deadline has passed")
			.register(registry);
		Gauge.builder("provisioning.oldest.past.deadline", this, (metrics) -> metrics.overdue.oldestAgeSeconds())
			.description("How long the most overdue PROCESSING order has been past its deadline; 0 when none is")
			.baseUnit("seconds")
			.register(registry);
	}

}
