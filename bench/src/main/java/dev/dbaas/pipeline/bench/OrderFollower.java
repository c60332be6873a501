package dev.dbaas.pipeline.bench;

import java.net.http.HttpResponse;

import org.jspecify.annotations.Nullable;

/**
 * Follows accepted orders in status-service with long polls until each is DONE or FAILED,
 * recording in its {@link Phase} when each stage first became visible. A poll that fails
 * is retried three times; a 304 or 404 polls again; an order still open when its phase
 * closes counts as unfinished. An order followed {@link #sample for its latencies alone}
 * (the sample follow mode, where the status topic decides every order's end) records its
 * stages the same way but never finishes the order in its phase.
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
		poll(new Followed(phase, trace, true), null, 0);
	}

	/**
	 * Starts following an order for its latencies alone: its end is counted elsewhere.
	 * @param phase where the latencies go; its {@link Phase#sampling} counts the order
	 * until the poll ends
	 * @param trace the order
	 */
	void sample(Phase phase, OrderTrace trace) {
		phase.sampling.incrementAndGet();
		poll(new Followed(phase, trace, false), null, 0);
	}

	private void poll(Followed followed, @Nullable String etag, int failures) {
		if (followed.phase().closed) {
			followed.end("unfinished");
			return;
		}
		this.api.pollAsync(followed.trace().orderId(), etag,
				(response, error) -> polled(followed, etag, failures, response, error));
	}

	private void polled(Followed followed, @Nullable String etag, int failures, @Nullable HttpResponse<String> response,
			@Nullable Throwable error) {
		long now = System.nanoTime();
		if (error != null || response == null) {
			if (failures < RETRIES) {
				poll(followed, etag, failures + 1);
			}
			else {
				followed.end("GET " + ((error != null) ? OrderApi.rootCause(error) : "without response"));
			}
			return;
		}
		switch (response.statusCode()) {
			case 200 -> {
				String observed = OrderApi.status(response.body());
				if (followed.trace().observe(observed, now, followed.phase())) {
					followed.end(observed.equals("DONE") ? null : observed);
				}
				else {
					poll(followed, response.headers().firstValue("ETag").orElse(null), 0);
				}
			}
			case 304 -> poll(followed, etag, 0);
			case 404 -> poll(followed, null, 0);
			default -> {
				if (failures < RETRIES) {
					poll(followed, etag, failures + 1);
				}
				else {
					followed.end("GET " + response.statusCode());
				}
			}
		}
	}

	/**
	 * One order followed.
	 *
	 * @param phase its phase
	 * @param trace the order
	 * @param decides whether its end counts in the phase (else only its latencies)
	 */
	private record Followed(Phase phase, OrderTrace trace, boolean decides) {

		void end(@Nullable String problem) {
			if (this.decides) {
				this.phase.finish(this.trace, problem);
			}
			else {
				this.phase.sampling.decrementAndGet();
			}
		}

	}

}
