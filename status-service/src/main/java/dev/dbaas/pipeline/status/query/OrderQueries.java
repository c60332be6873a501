package dev.dbaas.pipeline.status.query;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

import dev.dbaas.pipeline.status.order.OrderHistory;
import dev.dbaas.pipeline.status.order.OrderId;
import dev.dbaas.pipeline.status.order.OrderView;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

/**
 * What readers of the view can ask. Thread-safe.
 */
@Service
public class OrderQueries {

	/** Longest a reader may wait for an order (RFC 7240 {@code Prefer: wait}). */
	public static final Duration MAX_WAIT = Duration.ofSeconds(30);

	private final OrderViews views;

	private final OrderWatch watch;

	public OrderQueries(OrderViews views, OrderWatch watch) {
		this.views = views;
		this.watch = watch;
	}

	/**
	 * An order, if the reader may see it.
	 * @param orderId the order
	 * @param reader who asks
	 * @return the order; empty if unknown or another customer's (never told apart)
	 */
	public Optional<OrderView> find(OrderId orderId, Reader reader) {
		return this.views.find(orderId).filter(reader::sees);
	}

	/**
	 * Waits for an order to exist and to be at a version the reader does not hold. An
	 * order the reader may not see never satisfies the wait: the reader waits until the
	 * deadline and gets nothing, exactly as for an order that never appears.
	 * @param orderId the order
	 * @param reader who waits
	 * @param held tells whether the reader already holds a {@link OrderView#version()}
	 * @param wait how long to wait, capped at {@link #MAX_WAIT}
	 * @return the order as soon as the condition holds, else at the deadline as it then
	 * is (possibly still unknown, or still at the held version)
	 */
	public CompletableFuture<Optional<OrderView>> awaitChange(OrderId orderId, Reader reader, Predicate<String> held,
			Duration wait) {
		Duration capped = (wait.compareTo(MAX_WAIT) > 0) ? MAX_WAIT : wait;
		return this.watch.await(orderId,
				(view) -> view.filter(reader::sees).filter((seen) -> !held.test(seen.version())).isPresent(), capped)
			.thenApply((view) -> view.filter(reader::sees));
	}

	/**
	 * One page of the orders the reader may see, newest first.
	 * @param reader who asks
	 * @param filter which orders; a reader of one customer may name only that customer
	 * @param limit page size, 1 to 200
	 * @param after the cursor of the previous page, or {@code null}
	 * @return the page
	 * @throws IllegalArgumentException if the filter names a customer the reader may not
	 * see
	 */
	public OrderPage list(Reader reader, OrderFilter filter, int limit, @Nullable Cursor after) {
		return this.views.list(reader.narrow(filter), limit, after);
	}

	/**
	 * The transitions of an order, if the reader may see it.
	 * @param orderId the order
	 * @param reader who asks
	 * @return the history; empty if unknown or another customer's (never told apart: both
	 * cost one read)
	 */
	public Optional<OrderHistory> history(OrderId orderId, Reader reader) {
		if (reader.customerId() != null && find(orderId, reader).isEmpty()) {
			return Optional.empty();
		}
		return this.views.history(orderId);
	}

	public ViewSummary summarize() {
		return this.views.summarize();
	}

}
