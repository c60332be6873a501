package dev.dbaas.pipeline.status.query;

import dev.dbaas.pipeline.status.order.OrderView;
import org.jspecify.annotations.Nullable;

/**
 * Whose orders a reader of the view may see: one customer's (a customer-bound token), or
 * every customer's (a service or ops token). An order the reader may not see is treated
 * exactly like an order that does not exist, so that a reader never learns that another
 * customer's order exists. Immutable.
 *
 * @param customerId the one customer whose orders the reader sees, or {@code null} for
 * every customer
 */
public record Reader(@Nullable String customerId) {

	/** Sees every customer's orders. */
	public static final Reader ANY_CUSTOMER = new Reader(null);

	public Reader {
		if (customerId != null && customerId.isBlank()) {
			throw new IllegalArgumentException("a reader's customer id is not blank");
		}
	}

	/**
	 * A reader of one customer's orders.
	 * @param customerId the customer
	 * @return the reader
	 */
	public static Reader ofCustomer(String customerId) {
		return new Reader(customerId);
	}

	/**
	 * Whether the reader may see an order.
	 * @param view the order
	 * @return {@code true} if it is the reader's customer's, or the reader sees every
	 * customer's
	 */
	public boolean sees(OrderView view) {
		return this.customerId == null || this.customerId.equals(view.customerId());
	}

	/**
	 * Narrows a filter to the orders the reader may see.
	 * @param filter the requested filter
	 * @return the filter, limited to the reader's customer
	 * @throws IllegalArgumentException if the filter names another customer (the web edge
	 * refuses that first)
	 */
	OrderFilter narrow(OrderFilter filter) {
		if (this.customerId == null) {
			return filter;
		}
		if (filter.customerId() != null && !this.customerId.equals(filter.customerId())) {
			throw new IllegalArgumentException("a reader of one customer lists no other customer's orders");
		}
		return new OrderFilter(this.customerId, filter.status(), filter.region(), filter.placedAfter());
	}

}
