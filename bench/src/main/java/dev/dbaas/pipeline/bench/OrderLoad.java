package dev.dbaas.pipeline.bench;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.jspecify.annotations.Nullable;

/**
 * The shapes of load the bench offers: a fixed arrival rate (open model,
 * {@link #fixedRate}) and a closed loop of clients ({@link #closedLoop}). Orders go out
 * through an {@link OrderApi}; with {@code follow}, an {@link OrderFollower} follows each
 * accepted one to DONE or FAILED; in the sample follow mode ({@code --follow=sample}) a
 * {@link StatusTopicFollower} learns every order's end and one accepted order in N is
 * long-polled for the latencies.
 *
 * <p>
 * Latencies, all in one {@link Phase}:
 * <ul>
 * <li>POST → 202: from the <em>intended</em> send time (open model);</li>
 * <li>202 → NEW, → PROCESSING, → DONE: from the 202 to the first answer of the status API
 * that shows the order with at least that status (see {@link OrderTrace});</li>
 * <li>end to end: from the intended send time to DONE.</li>
 * </ul>
 * Thread-safe; one phase at a time.
 */
final class OrderLoad implements AutoCloseable {

	private final OrderApi api;

	private final OrderFollower follower;

	private final Progress progress;

	private final BenchOptions.Follow follow;

	private final @Nullable StatusTopicFollower statusTopic;

	/**
	 * Follows every order with long polls ({@code --follow=long-poll}).
	 * @param bearerToken a token with {@code orders:write}, {@code orders:read} and
	 * {@code orders:ops} (the summary), or empty to send none
	 */
	OrderLoad(String intakeUrl, String statusUrl, String bearerToken, Progress progress) {
		this(intakeUrl, statusUrl, bearerToken, progress, new BenchOptions.Follow(BenchOptions.Follow.LONG_POLL, 1),
				null);
	}

	/**
	 * @param bearerToken a token with {@code orders:write}, {@code orders:read} and
	 * {@code orders:ops} (the summary), or empty to send none
	 * @param follow how orders are followed
	 * @param statusTopic the status topic's reader in sample mode (closed with this
	 * load), else {@code null}
	 * @throws IllegalArgumentException in sample mode without a status topic reader
	 */
	OrderLoad(String intakeUrl, String statusUrl, String bearerToken, Progress progress, BenchOptions.Follow follow,
			@Nullable StatusTopicFollower statusTopic) {
		if (follow.sampled() && statusTopic == null) {
			throw new IllegalArgumentException("--follow=sample needs the status topic");
		}
		this.api = new OrderApi(intakeUrl, statusUrl, bearerToken);
		this.follower = new OrderFollower(this.api);
		this.progress = progress;
		this.follow = follow;
		this.statusTopic = follow.sampled() ? statusTopic : null;
	}

	/**
	 * How this load follows orders.
	 * @return the mode
	 */
	BenchOptions.Follow follow() {
		return this.follow;
	}

	/**
	 * Sends orders at a constant rate for a while, then waits for the orders followed to
	 * finish.
	 * @param name phase name for the progress line
	 * @param perSecond arrival rate
	 * @param duration how long to send
	 * @param follow whether to follow each order to DONE in the status API
	 * @param drainTimeout how long to wait for answers and for orders to finish after the
	 * last send
	 * @param window if not {@code null}, called every {@code windowLength} while sending
	 * @param windowLength length of a window
	 * @return what happened
	 */
	Phase fixedRate(String name, double perSecond, Duration duration, boolean follow, Duration drainTimeout,
			@Nullable WindowListener window, Duration windowLength) throws InterruptedException {
		return profile(name, List.of(new Segment(name, perSecond, duration)), follow, drainTimeout, window,
				windowLength);
	}

	/**
	 * Sends orders at one constant rate after the other ({@code segments}, e.g. twice the
	 * capacity, then 60 % of it), then waits for the orders followed to finish. Each
	 * segment's end is {@link Phase#mark marked} in the phase; the intended send times
	 * run on without a gap from one segment to the next.
	 * @param name phase name for the progress line
	 * @param segments the rates, in order
	 * @param follow whether to follow each order to DONE in the status API
	 * @param drainTimeout how long to wait for answers and for orders to finish after the
	 * last send
	 * @param window if not {@code null}, called every {@code windowLength} while sending
	 * and once after the drain (that last window holds the drain)
	 * @param windowLength length of a window
	 * @return what happened
	 */
	Phase profile(String name, List<Segment> segments, boolean follow, Duration drainTimeout,
			@Nullable WindowListener window, Duration windowLength) throws InterruptedException {
		Phase phase = new Phase(name, segments.get(0).perSecond());
		long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
		phase.started = start;
		this.progress.begin(phase);
		long nextWindow = start + windowLength.toNanos();
		int windowNumber = 0;
		long n = 0;
		try {
			long segmentStart = start;
			for (Segment segment : segments) {
				RateSchedule schedule = new RateSchedule(segmentStart, segment.perSecond());
				long total = schedule.requestsWithin(segment.duration());
				for (long i = 0; i < total; i++, n++) {
					long intended = schedule.intendedNanos(i);
					long now;
					while ((now = System.nanoTime()) < intended) {
						LockSupport.parkNanos(intended - now);
					}
					if (window != null && now >= nextWindow) {
						window.windowClosed(++windowNumber, phase.window());
						nextWindow += windowLength.toNanos();
					}
					place(phase, n, intended, follow);
				}
				segmentStart += segment.duration().toNanos();
				long now;
				while ((now = System.nanoTime()) < segmentStart) {
					LockSupport.parkNanos(segmentStart - now);
				}
				phase.mark(segment.label());
			}
			phase.sendingEnded = System.nanoTime();
			long drainDeadline = phase.sendingEnded + drainTimeout.toNanos();
			while ((phase.inFlight() > 0 || phase.sampling.get() > 0) && System.nanoTime() < drainDeadline) {
				TimeUnit.MILLISECONDS.sleep(20);
			}
			if (window != null) {
				window.windowClosed(++windowNumber, phase.window());
			}
		}
		finally {
			phase.close();
			if (this.statusTopic != null) {
				this.statusTopic.abandon(phase);
			}
			this.progress.end(phase);
		}
		return phase;
	}

	/**
	 * Closed loop: each client sends its next order as soon as the previous one is
	 * answered. The highest rate the intake accepts, whatever the latency.
	 * @param name phase name
	 * @param clients concurrent clients
	 * @param duration how long
	 * @return what happened; the POST latency is the service time
	 */
	Phase closedLoop(String name, int clients, Duration duration) throws InterruptedException {
		Phase phase = new Phase(name, 0);
		phase.started = System.nanoTime();
		long deadline = phase.started + duration.toNanos();
		this.progress.begin(phase);
		ExecutorService pool = Executors.newFixedThreadPool(clients, DaemonThreads.named("bench-client"));
		CountDownLatch done = new CountDownLatch(clients);
		try {
			for (int c = 0; c < clients; c++) {
				pool.execute(() -> {
					try {
						for (long n = 0; System.nanoTime() < deadline; n++) {
							long sent = System.nanoTime();
							phase.sent.incrementAndGet();
							try {
								HttpResponse<String> response = this.api.place(n);
								phase.post.record(sent, System.nanoTime());
								if (response.statusCode() == 202) {
									phase.accepted.incrementAndGet();
								}
								else if (OrderApi.isRefusal(response.statusCode())) {
									phase.refuse(OrderApi.refusalReason(response.statusCode(), response.body()),
											response.headers().firstValue("Retry-After").isPresent(), sent,
											System.nanoTime());
								}
								else {
									phase.error("POST " + response.statusCode());
								}
							}
							catch (IOException ex) {
								if (ex instanceof HttpTimeoutException) {
									phase.timeouts.incrementAndGet();
								}
								phase.error("POST " + ex.getClass().getSimpleName());
							}
						}
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
					finally {
						done.countDown();
					}
				});
			}
			done.await(duration.toSeconds() + 60, TimeUnit.SECONDS);
			phase.sendingEnded = System.nanoTime();
		}
		finally {
			pool.shutdownNow();
			phase.closed = true;
			this.progress.end(phase);
		}
		return phase;
	}

	/**
	 * The order client itself, for requests outside the shapes of load (the HTTP floors
	 * of {@link HttpFloorBaselines}).
	 * @return the client; its requests count in {@link #requests()}
	 */
	OrderApi api() {
		return this.api;
	}

	/**
	 * Orders the status view shows as NEW or PROCESSING (see
	 * {@link OrderApi#unfinishedInView()}).
	 * @return the count, or {@code -1} if the summary could not be read
	 */
	long unfinishedInView() throws InterruptedException {
		return this.api.unfinishedInView();
	}

	/**
	 * Orders the status view shows as DONE (see {@link OrderApi#doneInView()}).
	 * @return the count, or {@code -1} if the summary could not be read
	 */
	long doneInView() throws InterruptedException {
		return this.api.doneInView();
	}

	/**
	 * HTTP requests the client sent (POSTs, long polls, summaries).
	 * @return the count since this load was made
	 */
	long requests() {
		return this.api.requests();
	}

	/**
	 * Requests that waited in the client because too many were open (see
	 * {@link RequestGate}).
	 * @return the count since this load was made
	 */
	long queuedRequests() {
		return this.api.queuedRequests();
	}

	private void place(Phase phase, long n, long intended, boolean follow) {
		phase.sent.incrementAndGet();
		// Still waiting in the client when the phase ended: never sent (counted by the
		// phase), so that an overloaded phase does not spill its orders into the next
		// scenario.
		this.api.placeAsync(n, phase::posting, (response, error) -> placed(phase, intended, follow, response, error));
	}

	private void placed(Phase phase, long intended, boolean follow, @Nullable HttpResponse<String> response,
			@Nullable Throwable error) {
		long now = System.nanoTime();
		phase.post.record(intended, now);
		if (error != null || response == null) {
			if (error != null && OrderApi.rootCause(error).equals(HttpTimeoutException.class.getSimpleName())) {
				phase.timeouts.incrementAndGet();
			}
			phase.error("POST " + ((error != null) ? OrderApi.rootCause(error) : "without response"));
			return;
		}
		if (OrderApi.isRefusal(response.statusCode())) {
			// Refused, not failed: the stack said it cannot take the order now. Counted
			// apart and never retried, so that the offered rate stays what it is.
			phase.refuse(OrderApi.refusalReason(response.statusCode(), response.body()),
					response.headers().firstValue("Retry-After").isPresent(), intended, now);
			return;
		}
		if (response.statusCode() != 202) {
			phase.error("POST " + response.statusCode());
			return;
		}
		long accepted = phase.accepted.incrementAndGet();
		Optional<String> id = OrderApi.orderId(response.body());
		if (id.isEmpty()) {
			phase.error("202 without orderId");
			return;
		}
		if (!follow) {
			return;
		}
		OrderTrace trace = new OrderTrace(id.get(), intended, now);
		StatusTopicFollower topic = this.statusTopic;
		if (topic == null) {
			this.follower.follow(phase, trace);
			return;
		}
		topic.track(phase, trace);
		if (sampled(accepted, this.follow.sampleEvery())) {
			this.follower.sample(phase, trace);
		}
	}

	/**
	 * Whether the {@code accepted}-th accepted order of a phase is long-polled in sample
	 * mode: the first, then every {@code every}-th.
	 * @param accepted its number among the phase's accepted orders, from 1
	 * @param every one in this many
	 * @return whether to long-poll it
	 */
	static boolean sampled(long accepted, int every) {
		return (accepted - 1) % every == 0;
	}

	@Override
	public void close() {
		this.api.close();
		if (this.statusTopic != null) {
			this.statusTopic.close();
		}
	}

	/**
	 * One constant rate of a {@link #profile}.
	 *
	 * @param label what the segment is, e.g. {@code overload}
	 * @param perSecond its arrival rate
	 * @param duration how long it sends
	 */
	record Segment(String label, double perSecond, Duration duration) {

	}

	/** Called at the end of each window of a long run (the soak). */
	interface WindowListener {

		void windowClosed(int number, Phase.Window window);

	}

}
