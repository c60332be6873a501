package dev.dbaas.pipeline.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.jspecify.annotations.Nullable;

/**
 * Places orders with order-intake and follows each one in status-service with long polls
 * ({@code Prefer: wait}, {@code If-None-Match}) until it is DONE or FAILED.
 *
 * <p>
 * Latencies, all in one run of {@link #fixedRate}:
 * <ul>
 * <li>POST → 202: from the <em>intended</em> send time (open model);</li>
 * <li>202 → NEW, → PROCESSING, → DONE: from the 202 to the first answer of the status API
 * that shows the order with at least that status (an order first seen as DONE counts as
 * visible as NEW and PROCESSING at that moment);</li>
 * <li>end to end: from the intended send time to DONE.</li>
 * </ul>
 * Thread-safe; one phase at a time.
 */
final class OrderLoad implements AutoCloseable {

	private static final Pattern ORDER_ID = Pattern.compile("\"orderId\"\\s*:\\s*\"([^\"]+)\"");

	private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([A-Z_]+)\"");

	private static final Pattern BY_STATUS = Pattern.compile("\"byStatus\"\\s*:\\s*\\{([^}]*)\\}");

	private static final Pattern COUNT = Pattern.compile("\"(NEW|PROCESSING)\"\\s*:\\s*(\\d+)");

	private static final int LONG_POLL_SECONDS = 10;

	private final ExecutorService callbacks = Executors.newFixedThreadPool(4, daemon("bench-http"));

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.executor(this.callbacks)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	/**
	 * Open POSTs at most; more wait in the client (their latency still counts from the
	 * intended send).
	 */
	private final RequestGate posts = new RequestGate(1_000);

	/** Open status reads (long polls) at most. */
	private final RequestGate polls = new RequestGate(2_000);

	private final URI orders;

	private final String statusBase;

	private final Progress progress;

	private final String authorization;

	/**
	 * @param bearerToken a token with {@code orders:write}, {@code orders:read} and
	 * {@code orders:ops} (the summary), or empty to send none
	 */
	OrderLoad(String intakeUrl, String statusUrl, String bearerToken, Progress progress) {
		this.authorization = bearerToken.isEmpty() ? "" : "Bearer " + bearerToken;
		this.orders = URI.create(intakeUrl + "/v1/orders");
		this.statusBase = statusUrl + "/v1/orders/";
		this.progress = progress;
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
		Phase phase = new Phase(name, perSecond);
		RateSchedule schedule = new RateSchedule(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20), perSecond);
		long total = schedule.requestsWithin(duration);
		phase.started = schedule.startNanos();
		this.progress.begin(phase);
		long nextWindow = schedule.startNanos() + windowLength.toNanos();
		int windowNumber = 0;
		try {
			for (long n = 0; n < total; n++) {
				long intended = schedule.intendedNanos(n);
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
			phase.sendingEnded = System.nanoTime();
			long drainDeadline = phase.sendingEnded + drainTimeout.toNanos();
			while ((phase.inFlight() > 0) && System.nanoTime() < drainDeadline) {
				TimeUnit.MILLISECONDS.sleep(20);
			}
			if (window != null) {
				window.windowClosed(++windowNumber, phase.window());
			}
		}
		finally {
			phase.close();
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
		ExecutorService pool = Executors.newFixedThreadPool(clients, daemon("bench-client"));
		CountDownLatch done = new CountDownLatch(clients);
		try {
			for (int c = 0; c < clients; c++) {
				pool.execute(() -> {
					try {
						for (long n = 0; System.nanoTime() < deadline; n++) {
							long sent = System.nanoTime();
							phase.sent.incrementAndGet();
							try {
								HttpResponse<String> response = this.http.send(post(n),
										HttpResponse.BodyHandlers.ofString());
								phase.post.record(sent, System.nanoTime());
								if (response.statusCode() == 202) {
									phase.accepted.incrementAndGet();
								}
								else {
									phase.error("POST " + response.statusCode());
								}
							}
							catch (java.io.IOException ex) {
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
	 * Orders the status view shows as NEW or PROCESSING, from {@code GET
	 * /v1/orders/summary}: work still in the stack, e.g. left over from an earlier phase.
	 * @return the count, or {@code -1} if the summary could not be read
	 */
	long unfinishedInView() throws InterruptedException {
		HttpRequest request = authorized(HttpRequest.newBuilder(URI.create(this.statusBase + "summary")))
			.timeout(Duration.ofSeconds(10))
			.GET()
			.build();
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			return (response.statusCode() != 200) ? -1 : unfinished(response.body());
		}
		catch (java.io.IOException ex) {
			return -1;
		}
	}

	/**
	 * Requests that waited in the client because too many were open (see
	 * {@link RequestGate}).
	 * @return the count since this load was made
	 */
	long queuedRequests() {
		return this.posts.waited() + this.polls.waited();
	}

	/**
	 * NEW plus PROCESSING in a summary's {@code byStatus}.
	 * @param summary the body of {@code GET /v1/orders/summary}
	 * @return the count, or {@code -1} without {@code byStatus}
	 */
	static long unfinished(String summary) {
		Matcher byStatus = BY_STATUS.matcher(summary);
		if (!byStatus.find()) {
			return -1;
		}
		long unfinished = 0;
		Matcher count = COUNT.matcher(byStatus.group(1));
		while (count.find()) {
			unfinished += Long.parseLong(count.group(2));
		}
		return unfinished;
	}

	private HttpRequest.Builder authorized(HttpRequest.Builder request) {
		return this.authorization.isEmpty() ? request : request.header("Authorization", this.authorization);
	}

	private void place(Phase phase, long n, long intended, boolean follow) {
		phase.sent.incrementAndGet();
		this.posts.submit(() -> {
			if (!phase.posting()) {
				// Still waiting in the client when the phase ended: never sent (counted
				// by the phase), so that an overloaded phase does not spill its orders
				// into the next scenario.
				this.posts.finished();
				return;
			}
			this.http.sendAsync(post(n), HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
				this.posts.finished();
				placed(phase, intended, follow, response, error);
			});
		});
	}

	private void placed(Phase phase, long intended, boolean follow, @Nullable HttpResponse<String> response,
			@Nullable Throwable error) {
		long now = System.nanoTime();
		phase.post.record(intended, now);
		if (error != null || response == null) {
			phase.error("POST " + ((error != null) ? rootCause(error) : "without response"));
			return;
		}
		if (response.statusCode() != 202) {
			phase.error("POST " + response.statusCode());
			return;
		}
		phase.accepted.incrementAndGet();
		Matcher id = ORDER_ID.matcher(response.body());
		if (!id.find()) {
			phase.error("202 without orderId");
			return;
		}
		if (follow) {
			phase.following.incrementAndGet();
			follow(phase, new Trace(id.group(1), intended, now), null, 0);
		}
	}

	private HttpRequest post(long n) {
		return authorized(HttpRequest.newBuilder(this.orders)).timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.header("Idempotency-Key", UUID.randomUUID().toString())
			.POST(HttpRequest.BodyPublishers.ofString(SampleOrders.body(n)))
			.build();
	}

	private void follow(Phase phase, Trace trace, @Nullable String etag, int failures) {
		if (phase.closed) {
			phase.finish(trace, "unfinished");
			return;
		}
		HttpRequest.Builder request = authorized(HttpRequest.newBuilder(URI.create(this.statusBase + trace.orderId)))
			.timeout(Duration.ofSeconds(LONG_POLL_SECONDS + 20))
			.header("Prefer", "wait=" + LONG_POLL_SECONDS)
			.GET();
		if (etag != null) {
			request.header("If-None-Match", etag);
		}
		this.polls.submit(() -> this.http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
			.whenComplete((response, error) -> {
				this.polls.finished();
				polled(phase, trace, etag, failures, response, error);
			}));
	}

	private void polled(Phase phase, Trace trace, @Nullable String etag, int failures,
			@Nullable HttpResponse<String> response, @Nullable Throwable error) {
		long now = System.nanoTime();
		if (error != null || response == null) {
			if (failures < 3) {
				follow(phase, trace, etag, failures + 1);
			}
			else {
				phase.finish(trace, "GET " + ((error != null) ? rootCause(error) : "without response"));
			}
			return;
		}
		switch (response.statusCode()) {
			case 200 -> {
				Matcher status = STATUS.matcher(response.body());
				String observed = status.find() ? status.group(1) : "UNKNOWN";
				if (trace.observe(observed, now, phase)) {
					phase.finish(trace, observed.equals("DONE") ? null : observed);
				}
				else {
					follow(phase, trace, response.headers().firstValue("ETag").orElse(null), 0);
				}
			}
			case 304 -> follow(phase, trace, etag, 0);
			case 404 -> follow(phase, trace, null, 0);
			default -> {
				if (failures < 3) {
					follow(phase, trace, etag, failures + 1);
				}
				else {
					phase.finish(trace, "GET " + response.statusCode());
				}
			}
		}
	}

	private static String rootCause(Throwable error) {
		Throwable cause = error;
		while (cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause.getClass().getSimpleName();
	}

	static java.util.concurrent.ThreadFactory daemon(String name) {
		AtomicLong count = new AtomicLong();
		return (runnable) -> {
			Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	@Override
	public void close() {
		this.callbacks.shutdownNow();
	}

	/** Called at the end of each window of a long run (the soak). */
	interface WindowListener {

		void windowClosed(int number, Window window);

	}

	/**
	 * One window of a long run.
	 *
	 * @param endToEnd end-to-end latency of orders finished in the window
	 * @param post POST → 202 in the window
	 * @param inFlight orders accepted and not yet finished at the end of the window
	 * @param done orders finished in the window
	 */
	record Window(LatencySummary endToEnd, LatencySummary post, long inFlight, long done) {

	}

	/** The life of one order as the bench saw it. */
	private static final class Trace {

		private final String orderId;

		private final long intended;

		private final long accepted;

		private int rank = -1;

		Trace(String orderId, long intended, long accepted) {
			this.orderId = orderId;
			this.intended = intended;
			this.accepted = accepted;
		}

		/** Records the stages this observation reaches first; true when terminal. */
		boolean observe(String status, long now, Phase phase) {
			int observed = switch (status) {
				case "NEW" -> 0;
				case "PROCESSING" -> 1;
				case "DONE", "FAILED" -> 2;
				default -> 0;
			};
			if (this.rank < 0) {
				phase.toNew.record(this.accepted, now);
			}
			if (this.rank < 1 && observed >= 1) {
				phase.toProcessing.record(this.accepted, now);
			}
			if (observed == 2) {
				phase.toDone.record(this.accepted, now);
				phase.endToEnd.record(this.intended, now);
				phase.lastDone = now;
			}
			this.rank = Math.max(this.rank, observed);
			return observed == 2;
		}

	}

	/** A latency histogram in microseconds, readable in windows and in total. */
	static final class Stage {

		private final Recorder recorder = new Recorder(3);

		private final Histogram total = new Histogram(3);

		void record(long fromNanos, long toNanos) {
			this.recorder.recordValue(Math.max(1, (toNanos - fromNanos) / 1000));
		}

		synchronized LatencySummary interval() {
			Histogram interval = this.recorder.getIntervalHistogram();
			this.total.add(interval);
			return LatencySummary.ofMicros(interval);
		}

		synchronized LatencySummary total() {
			interval();
			return LatencySummary.ofMicros(this.total);
		}

	}

	/** Counters and latencies of one phase. */
	static final class Phase {

		final String name;

		final double rate;

		final Stage post = new Stage();

		final Stage toNew = new Stage();

		final Stage toProcessing = new Stage();

		final Stage toDone = new Stage();

		final Stage endToEnd = new Stage();

		final AtomicLong sent = new AtomicLong();

		final AtomicLong accepted = new AtomicLong();

		final AtomicLong following = new AtomicLong();

		final AtomicLong done = new AtomicLong();

		final AtomicLong failed = new AtomicLong();

		final AtomicLong unfinished = new AtomicLong();

		final Map<String, LongAdder> errors = new ConcurrentHashMap<>();

		volatile long started;

		volatile long sendingEnded;

		volatile long lastDone;

		volatile boolean closed;

		/** Orders whose POST went out; the rest of {@link #sent} waited in the client. */
		private long posted;

		private long doneAtLastWindow;

		Phase(String name, double rate) {
			this.name = name;
			this.rate = rate;
		}

		void error(String what) {
			this.errors.computeIfAbsent(what, (key) -> new LongAdder()).increment();
		}

		long errorCount() {
			return this.errors.values().stream().mapToLong(LongAdder::sum).sum();
		}

		long inFlight() {
			long posted = this.sent.get() - this.accepted.get() - postErrors();
			return posted + this.following.get() - this.done.get() - this.failed.get() - this.unfinished.get();
		}

		/**
		 * Claims the sending of one order, unless the phase is over.
		 * @return whether to send it
		 */
		synchronized boolean posting() {
			if (this.closed) {
				return false;
			}
			this.posted++;
			return true;
		}

		/** Ends the phase: orders still waiting in the client will not be sent. */
		synchronized void close() {
			this.closed = true;
			long notSent = this.sent.get() - this.posted;
			if (notSent > 0) {
				this.errors.computeIfAbsent("POST not sent before the phase ended", (key) -> new LongAdder())
					.add(notSent);
			}
		}

		private long postErrors() {
			return this.errors.entrySet()
				.stream()
				.filter((entry) -> entry.getKey().startsWith("POST") || entry.getKey().startsWith("202"))
				.mapToLong((entry) -> entry.getValue().sum())
				.sum();
		}

		void finish(Trace trace, @Nullable String problem) {
			if (problem == null) {
				this.done.incrementAndGet();
			}
			else if (problem.equals("FAILED")) {
				this.failed.incrementAndGet();
				error("order FAILED");
			}
			else {
				this.unfinished.incrementAndGet();
				error(problem.equals("unfinished") ? "not DONE within the drain time" : problem);
			}
		}

		synchronized Window window() {
			long doneNow = this.done.get() + this.failed.get();
			Window window = new Window(this.endToEnd.interval(), this.post.interval(), inFlight(),
					doneNow - this.doneAtLastWindow);
			this.doneAtLastWindow = doneNow;
			return window;
		}

		double sendingSeconds() {
			long end = (this.sendingEnded != 0) ? this.sendingEnded : System.nanoTime();
			return Math.max(1e-3, (end - this.started) / 1e9);
		}

		double acceptedPerSecond() {
			return this.accepted.get() / sendingSeconds();
		}

		/** Orders finished per second, from the first intended send to the last DONE. */
		double donePerSecond() {
			long end = this.lastDone;
			return (end == 0) ? 0 : this.done.get() / Math.max(1e-3, (end - this.started) / 1e9);
		}

		Map<String, Object> toJson() {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("phase", this.name);
			if (this.rate > 0) {
				json.put("targetPerSecond", this.rate);
			}
			json.put("sent", this.sent.get());
			json.put("accepted", this.accepted.get());
			json.put("acceptedPerSecond", Report.round(acceptedPerSecond()));
			json.put("done", this.done.get());
			json.put("donePerSecond", Report.round(donePerSecond()));
			json.put("failed", this.failed.get());
			Map<String, Object> errorCounts = new LinkedHashMap<>();
			this.errors.forEach((what, count) -> errorCounts.put(what, count.sum()));
			json.put("errors", errorCounts);
			json.put("postTo202", this.post.total().toJson());
			json.put("acceptedToNew", this.toNew.total().toJson());
			json.put("acceptedToProcessing", this.toProcessing.total().toJson());
			json.put("acceptedToDone", this.toDone.total().toJson());
			json.put("endToEnd", this.endToEnd.total().toJson());
			return json;
		}

	}

}
