package dev.dbaas.pipeline.status.query;

import java.time.Instant;
import java.util.Map;

import dev.dbaas.pipeline.status.order.OrderId;
import dev.dbaas.pipeline.status.order.OrderStatus;
import org.jspecify.annotations.Nullable;

/**
 * Counts over the whole view.
 *
 * @param byStatus orders per status, every status present
 * @param byRegion orders per region and status, for orders whose details are known
 * @param failedByCode FAILED orders per failure code ({@code UNSPECIFIED} without one)
 * @param oldestProcessing the PROCESSING order placed longest ago, or {@code null}
 */
public record ViewSummary(Map<OrderStatus, Long> byStatus, Map<String, Map<OrderStatus, Long>> byRegion,
		Map<String, Long> failedByCode, @Nullable OldestProcessing oldestProcessing) {

	/**
	 * The PROCESSING order placed longest ago.
	 *
	 * @param orderId the order
	 * @param placedAt when it was placed
	 */
	public record OldestProcessing(OrderId orderId, Instant placedAt) {

	}

	/**
	 * Total number of orders.
	 * @return the sum over all statuses
	 */
	public long total() {
		return this.byStatus.values().stream().mapToLong(Long::longValue).sum();
	}

}
