package dev.dbaas.pipeline.status.query;

import java.time.Instant;

import dev.dbaas.pipeline.status.order.OrderStatus;
import org.jspecify.annotations.Nullable;

/**
 * Which orders to list; every criterion is optional and they combine with AND.
 *
 * @param customerId only this customer's orders
 * @param status only orders in this status
 * @param region only orders in this region
 * @param placedAfter only orders placed strictly after this time
 */
public record OrderFilter(@Nullable String customerId, @Nullable OrderStatus status, @Nullable String region,
		@Nullable Instant placedAfter) {

	/** No criteria: every order. */
	public static final OrderFilter ALL = new OrderFilter(null, null, null, null);

}
