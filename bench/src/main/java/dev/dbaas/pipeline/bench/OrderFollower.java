package dev.dbaas.pipeline.bench;

import java.net.http.HttpResponse;

import org.jspecify.annotations.Nullable;

/**
 * Follows accepted orders in status-service with long polls until each is DONE or FAILED,
 * recording in its {@link Phase} when each stage first became visible. A poll that fails
 * is retried three times; a 304 or 404 polls again; an order still open when its phase
 * closes counts as unfinished.
 *
 * <p>
 * Thread-safe: every order is followed by its own chain of callbacks.
 */
final class OrderFollower {

	private static final int RETRIES = 3;

	private final OrderApi api;

	OrderFollower(OrderApi api) {
		this.api = api;
	}

	/**
	 * Starts following an order.
	 * @param phase where the latencies and the outcome go
	 * @param trace the order
	 */
	void follow(Phase phase, OrderTrace trace) {
		phase.following.incrementAndGet();
		poll(phase, trace, null, 0);
	}

	private void poll(Phase phase, OrderTrace trace, @Nullable String etag, int failures) {
		if (phase.closed) {
			phase.finish(trace, "unfinished");
			return;
		}
		this.api.pollAsync(trace.orderId(), etag,
				(response, error) -> polled(phase, trace, etag, failures, response, error));
	}

	private void polled(Phase phase, OrderTrace trace, @Nullable String etag, int failures,
			@Nullable HttpResponse<String> response, @Nullable Throwable error) {
		long now = System.nanoTime();
		if (error != null || response == null) {
			if (failures < RETRIES) {
				poll(phase, trace, etag, failures + 1);
			}
			else {
				phase.finish(trace, "GET " + ((error != null) ? OrderApi.rootCause(error) : "without response"));
			}
			return;
		}
		switch (response.statusCode()) {
			case 200 -> {
				String observed = OrderApi.status(response.body());
				if (trace.observe(observed, now, phase)) {
					phase.finish(trace, observed.equals("DONE") ? null : observed);
				}
				else {
					poll(phase, trace, response.headers().firstValue("ETag").orElse(null), 0);
				}
			}
			case 304 -> poll(phase, trace, etag, 0);
			case 404 -> poll(phase, trace, null, 0);
			default -> {
				if (failures < RETRIES) {
					poll(phase, trace, etag, failures + 1);
				}
				else {
					phase.finish(trace, "GET " + response.statusCode());
				}
			}
		}
	}

}
