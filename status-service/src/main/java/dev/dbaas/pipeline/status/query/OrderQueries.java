package dev.dbaas.pipeline.status.query;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

import dev.dbaas.pipeline.status.order.OrderHistory;
import dev.dbaas.pipeline.status.order.OrderId;
import dev.dbaas.pipeline.status.order.OrderView;

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

	public Optional<OrderView> find(OrderId orderId) {
		return this.views.find(orderId);
	}

	/**
	 * Waits for an order to exist and to be at a version the reader does not hold.
	 * @param orderId the order
	 * @param held tells whether the reader already holds a {@link OrderView#version()}
	 * @param wait how long to wait, capped at {@link #MAX_WAIT}
	 * @return the order as soon as the condition holds, else at the deadline as it then
	 * is (possibly still unknown, or still at the held version)
	 */
	public CompletableFuture<Optional<OrderView>> awaitChange(OrderId orderId, Predicate<String> held, Duration wait) {
		Duration capped = (wait.compareTo(MAX_WAIT) > 0) ? MAX_WAIT : wait;
		return this.watch.await(orderId, (view) -> view.isPresent() && !held.test(view.get().version()), capped);
	}

	public OrderPage list(OrderFilter filter, int limit, @Nullable Cursor after) {
		return this.views.list(filter, limit, after);
	}

	public Optional<OrderHistory> history(OrderId orderId) {
		return this.views.history(orderId);
	}

	public ViewSummary summarize() {
		return this.views.summarize();
	}

}
