package dev.dbaas.pipeline.status.projection;

import java.time.Duration;
import java.time.Instant;

import dev.dbaas.pipeline.status.order.OrdersProjected;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Records projection lag, the time from an event's {@code occurredAt} to the commit that
 * applied it, as the histogram {@code status_projection_lag_seconds}. The buckets bracket
 * the 1 s objective; during a rebuild the lag is as old as the backlog and lands in the
 * top buckets.
 */
@Component
class ProjectionLagMetrics {

	private final Timer lag;

	ProjectionLagMetrics(MeterRegistry registry) {
		this.lag = Timer.builder("status.projection.lag")
			.description("Time from an event's occurredAt to the commit that applied it to the view")
			.serviceLevelObjectives(millis(50), millis(100), millis(250), millis(500), millis(1000), millis(2500),
					millis(5000), millis(10_000), millis(30_000), millis(60_000), millis(300_000), millis(3_600_000))
			.minimumExpectedValue(millis(1))
			.maximumExpectedValue(Duration.ofDays(7))
			.register(registry);
	}

	@EventListener
	void on(OrdersProjected projected) {
		for (Instant occurredAt : projected.occurredAt()) {
			Duration lag = Duration.between(occurredAt, projected.committedAt());
			this.lag.record(lag.isNegative() ? Duration.ZERO : lag);
		}
	}

	private static Duration millis(long millis) {
		return Duration.ofMillis(millis);
	}

}
