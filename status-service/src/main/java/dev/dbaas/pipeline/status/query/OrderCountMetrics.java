package dev.dbaas.pipeline.status.query;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.dbaas.pipeline.status.order.OrderStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Gauges over the view, refreshed from {@link ViewSummary} every
 * {@code status.metrics.refresh-interval}: {@code status_orders{status}},
 * {@code status_orders_failed{code}} and
 * {@code status_orders_oldest_processing_age_seconds} (0 when none is PROCESSING; the age
 * grows between refreshes).
 */
@Component
class OrderCountMetrics {

	private static final Logger log = LoggerFactory.getLogger(OrderCountMetrics.class);

	private final OrderViews views;

	private final Clock clock;

	private final MultiGauge byStatus;

	private final MultiGauge failedByCode;

	private volatile ViewSummary summary = new ViewSummary(Map.of(), Map.of(), Map.of(), null);

	OrderCountMetrics(OrderViews views, Clock clock, MeterRegistry registry) {
		this.views = views;
		this.clock = clock;
		this.byStatus = MultiGauge.builder("status.orders")
			.description("Orders in the view by status")
			.register(registry);
		this.failedByCode = MultiGauge.builder("status.orders.failed")
			.description("FAILED orders in the view by failure code")
			.register(registry);
		Gauge.builder("status.orders.oldest.processing.age", this, OrderCountMetrics::oldestProcessingAgeSeconds)
			.description("Age of the PROCESSING order placed longest ago")
			.baseUnit("seconds")
			.register(registry);
	}

	@Scheduled(fixedDelayString = "${status.metrics.refresh-interval:15s}", initialDelay = 0)
	void refresh() {
		try {
			ViewSummary current = this.views.summarize();
			this.summary = current;
			this.byStatus.register(List.of(OrderStatus.values())
				.stream()
				.map((status) -> MultiGauge.Row.of(Tags.of("status", status.name()),
						current.byStatus().getOrDefault(status, 0L)))
				.toList(), true);
			this.failedByCode.register(current.failedByCode()
				.entrySet()
				.stream()
				.map((entry) -> MultiGauge.Row.of(Tags.of("code", entry.getKey()), entry.getValue()))
				.toList(), true);
		}
		catch (RuntimeException ex) {
			log.warn("Cannot refresh the order gauges: {}", ex.toString());
		}
	}

	private double oldestProcessingAgeSeconds() {
		ViewSummary.OldestProcessing oldest = this.summary.oldestProcessing();
		if (oldest == null) {
			return 0;
		}
		return Math.max(0, Duration.between(oldest.placedAt(), this.clock.instant()).toMillis() / 1000.0);
	}

}
