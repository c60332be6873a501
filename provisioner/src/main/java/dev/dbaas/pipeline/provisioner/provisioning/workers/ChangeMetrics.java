package dev.dbaas.pipeline.provisioner.provisioning.workers;

import dev.dbaas.pipeline.provisioner.BacklogQuery;
import dev.dbaas.pipeline.provisioner.provisioning.OrderType;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Gauges of change orders still in PROCESSING, by order type ({@code UPDATE},
 * {@code DELETE}), read from the job store that the whole fleet shares:
 * {@code provisioning_changes_in_progress{type}} and
 * {@code provisioning_oldest_change_age_seconds{type}} (how long the oldest has been
 * accepted; 0 when none is in progress). An instance whose change stays in progress for
 * long is stuck in UPDATING or DELETING for the customer: waiting for a predecessor, for
 * a silent host (until the host timeout fails it), or in a slow step. Each query runs at
 * most once a second; the gauges show NaN while PostgreSQL is unreachable.
 *
 * <p>
 * Thread-safe.
 */
@Component
class ChangeMetrics {

	ChangeMetrics(JdbcClient jdbc, MeterRegistry registry) {
		for (OrderType type : new OrderType[] { OrderType.UPDATE, OrderType.DELETE }) {
			BacklogQuery changes = new BacklogQuery(jdbc, """
					SELECT count(*), COALESCE(EXTRACT(EPOCH FROM clock_timestamp() - min(started_at)), 0)
					FROM provisioning_job WHERE state = 'PROCESSING' AND order_type = '%s'
					""".formatted(type.name()));
			Gauge.builder("provisioning.changes.in.progress", changes, BacklogQuery::size)
				.description("Change orders (UPDATE, DELETE) still PROCESSING, by order type")
				.tag("type", type.name())
				.register(registry);
			Gauge.builder("provisioning.oldest.change.age", changes, BacklogQuery::oldestAgeSeconds)
				.description("How long the oldest change order in PROCESSING has been accepted; 0 when none is")
				.tag("type", type.name())
				.baseUnit("seconds")
				.register(registry);
		}
	}

}
