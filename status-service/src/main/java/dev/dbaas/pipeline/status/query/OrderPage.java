package dev.dbaas.pipeline.status.query;

import java.util.List;

import dev.dbaas.pipeline.status.order.OrderView;
import org.jspecify.annotations.Nullable;

/**
 * One page of orders, newest first.
 *
 * @param items the orders
 * @param next where the next page starts, or {@code null} on the last page
 */
public record OrderPage(List<OrderView> items, @Nullable Cursor next) {

	public OrderPage {
		items = List.copyOf(items);
	}

}
