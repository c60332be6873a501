package dev.dbaas.pipeline.status.query;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

import dev.dbaas.pipeline.status.order.OrderHistory;
import dev.dbaas.pipeline.status.order.OrderId;
import dev.dbaas.pipeline.status.order.OrderView;
import org.jspecify.annotations.Nullable;

/**
 * Reads the view. Implementations are thread-safe.
 */
public interface OrderViews {

	Optional<OrderView> find(OrderId orderId);

	/**
	 * Several orders in one read.
	 * @param orderIds the ids
	 * @return the orders that exist, by id
	 */
	Map<OrderId, OrderView> findAll(Collection<OrderId> orderIds);

	/**
	 * One page, newest first (by placement time, then order id, descending).
	 * @param filter which orders
	 * @param limit page size, 1 to 200
	 * @param after the cursor of the previous page, or {@code null} for the first page
	 * @return the page
	 */
	OrderPage list(OrderFilter filter, int limit, @Nullable Cursor after);

	Optional<OrderHistory> history(OrderId orderId);

	ViewSummary summarize();

}
