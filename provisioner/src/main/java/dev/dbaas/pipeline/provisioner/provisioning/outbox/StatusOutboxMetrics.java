package dev.dbaas.pipeline.provisioner.provisioning.outbox;

import dev.dbaas.pipeline.provisioner.BacklogQuery;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

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

	private final BacklogQuery unrelayed;

	StatusOutboxMetrics(JdbcClient jdbc, MeterRegistry registry) {
		this.unrelayed = new BacklogQuery(jdbc, """
				SELECT count(*), COALESCE(EXTRACT(EPOCH FROM clock_timestamp() - min(created_at)), 0)
				FROM status_outbox
				""");
		Gauge.builder("outbox.backlog", this, (metrics) -> metrics.unrelayed.size())
			.description("Status events written to the outbox and not yet relayed to Kafka")
			.register(registry);
		Gauge.builder("outbox.oldest.unpublished.age", this, (metrics) -> metrics.unrelayed.oldestAgeSeconds())
			.description("Age of the oldest status event not yet relayed to Kafka; 0 when the outbox is empty")
			.baseUnit("seconds")
			.register(registry);
	}

}
