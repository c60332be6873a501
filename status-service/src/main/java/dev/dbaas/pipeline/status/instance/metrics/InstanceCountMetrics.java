package dev.dbaas.pipeline.status.instance.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

import dev.dbaas.pipeline.status.instance.InstanceState;
import dev.dbaas.pipeline.status.instance.InstanceStore;
import dev.dbaas.pipeline.status.order.OrderType;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Gauges over the instances, refreshed every {@code status.metrics.refresh-interval} like
 * the order gauges: {@code instances{state}} (every state, 0 when none) and
 * {@code instance_oldest_pending_change_seconds{type}} (UPDATE and DELETE: age of the
 * oldest such order still NEW or PROCESSING, 0 if none; the age grows between refreshes).
 * Each refresh is two scans of the view, timed in
 * {@code status_instance_gauges_refresh_seconds}. Thread-safe.
 */
@Component
class InstanceCountMetrics {

	private static final Logger log = LoggerFactory.getLogger(InstanceCountMetrics.class);

	private final InstanceStore store;

	private final Clock clock;

	private final MultiGauge byState;

	private final Timer refreshes;

	private volatile Map<OrderType, Instant> oldestPending = Map.of();

	InstanceCountMetrics(InstanceStore store, Clock clock, MeterRegistry registry) {
		this.store = store;
		this.clock = clock;
		this.byState = MultiGauge.builder("instances").description("Instances by state").register(registry);
		this.byState.register(Arrays.stream(InstanceState.values())
			.map((state) -> MultiGauge.Row.of(Tags.of("state", state.name()), 0))
			.toList(), true);
		for (OrderType type : OrderType.values()) {
			if (type.isChange()) {
				Gauge.builder("instance.oldest.pending.change", this, (metrics) -> metrics.oldestPendingSeconds(type))
					.description("Age of the oldest change order of this type that is still NEW or PROCESSING")
					.baseUnit("seconds")
					.tag("type", type.name())
					.register(registry);
			}
		}
		this.refreshes = Timer.builder("status.instance.gauges.refresh")
			.description("Duration of one refresh of the instance gauges (two scans of the view)")
			.register(registry);
	}

	@Scheduled(fixedDelayString = "${status.metrics.refresh-interval:15s}", initialDelay = 0)
	void refresh() {
		try {
			this.refreshes.record(() -> {
				Map<InstanceState, Long> counts = new EnumMap<>(this.store.countByState());
				this.oldestPending = Map.copyOf(this.store.oldestPendingChanges());
				this.byState.register(Arrays.stream(InstanceState.values())
					.map((state) -> MultiGauge.Row.of(Tags.of("state", state.name()), counts.getOrDefault(state, 0L)))
					.toList(), true);
			});
		}
		catch (RuntimeException ex) {
			log.warn("Cannot refresh the instance gauges: {}", ex.toString());
		}
	}

	private double oldestPendingSeconds(OrderType type) {
		Instant placed = this.oldestPending.get(type);
		if (placed == null) {
			return 0;
		}
		return Math.max(0, Duration.between(placed, this.clock.instant()).toMillis() / 1000.0);
	}

}
