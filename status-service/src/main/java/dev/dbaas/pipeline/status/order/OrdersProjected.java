package dev.dbaas.pipeline.status.order;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Events were committed to the view. Published after the commit, so that readers who wait
 * for an order see it.
 *
 * @param orderIds the orders whose view may have changed
 * @param occurredAt when each newly applied event occurred, to measure projection lag
 * @param committedAt when the view committed them
 */
public record OrdersProjected(Set<OrderId> orderIds, List<Instant> occurredAt, Instant committedAt) {

	public OrdersProjected {
		orderIds = Set.copyOf(orderIds);
		occurredAt = List.copyOf(occurredAt);
	}

}
