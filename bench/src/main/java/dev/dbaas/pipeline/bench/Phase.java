package dev.dbaas.pipeline.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.jspecify.annotations.Nullable;

/**
 * Counters and latencies of one phase of load: what was sent, accepted, refused, finished
 * and failed, and the latency of each stage of an order ({@link Stage}). A refusal
 * ({@code 429} or {@code 503}, the stack saying it cannot take the order now) is counted
 * apart and is not an error; the bench never retries it.
 *
 * <p>
 * Thread-safe: the counters are atomic, and the HTTP callbacks of many threads update one
 * phase at a time. Once {@link #close() closed}, no order waiting in the client is sent.
 */
final class Phase {

	final String name;

	final double rate;

	final Stage post = new Stage();

	final Stage toNew = new Stage();

	final Stage toProcessing = new Stage();

	final Stage toDone = new Stage();

	final Stage endToEnd = new Stage();

	/** From the intended send to a refusal ({@code 429} or {@code 503}). */
	final Stage refusal = new Stage();

	final AtomicLong sent = new AtomicLong();

	final AtomicLong accepted = new AtomicLong();

	final AtomicLong following = new AtomicLong();

	/**
	 * Sampled orders still long-polled for their latencies alone (sample follow mode):
	 * the drain waits for them too, so that the last orders' latencies are not lost.
	 */
	final AtomicLong sampling = new AtomicLong();

	final AtomicLong done = new AtomicLong();

	final AtomicLong failed = new AtomicLong();

	final AtomicLong unfinished = new AtomicLong();

	final Map<String, LongAdder> errors = new ConcurrentHashMap<>();

	/** Orders refused, by status and problem type, e.g. {@code 503 overloaded}. */
	final Map<String, LongAdder> refusals = new ConcurrentHashMap<>();

	final AtomicLong refused = new AtomicLong();

	/** Refusals that carried a {@code Retry-After} header. */
	final AtomicLong refusedWithRetryAfter = new AtomicLong();

	/** POSTs that got no answer within the client's timeout. */
	final AtomicLong timeouts = new AtomicLong();

	/** Where the rate changed ({@link OrderLoad#profile}), in order. */
	final List<Mark> marks = new CopyOnWriteArrayList<>();

	volatile long started;

	volatile long sendingEnded;

	volatile long lastDone;

	volatile boolean closed;

	/** Orders whose POST went out; the rest of {@link #sent} waited in the client. */
	private long posted;

	private long doneAtLastWindow;

	private long refusedAtLastWindow;

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

	/**
	 * Records a refusal: the order is over for the bench (not retried, not an error).
	 * @param reason status and problem type, e.g. {@code 429 rate-limited}
	 * @param retryAfter whether the answer carried {@code Retry-After}
	 * @param intended the intended send time
	 * @param now when the refusal arrived
	 */
	void refuse(String reason, boolean retryAfter, long intended, long now) {
		this.refusal.record(intended, now);
		this.refusals.computeIfAbsent(reason, (key) -> new LongAdder()).increment();
		if (retryAfter) {
			this.refusedWithRetryAfter.incrementAndGet();
		}
		this.refused.incrementAndGet();
	}

	/**
	 * Notes that the rate changes now (the end of a segment of a profile).
	 * @param label what ended, e.g. {@code overload}
	 */
	void mark(String label) {
		this.marks.add(new Mark(label, System.nanoTime(), this.sent.get(), this.accepted.get(), this.refused.get(),
				this.done.get()));
	}

	long inFlight() {
		long posted = this.sent.get() - this.accepted.get() - this.refused.get() - postErrors();
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
			this.errors.computeIfAbsent("POST not sent before the phase ended", (key) -> new LongAdder()).add(notSent);
		}
	}

	private long postErrors() {
		return this.errors.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().startsWith("POST") || entry.getKey().startsWith("202"))
			.mapToLong((entry) -> entry.getValue().sum())
			.sum();
	}

	void finish(OrderTrace trace, @Nullable String problem) {
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
		long refusedNow = this.refused.get();
		Window window = new Window(this.endToEnd.interval(), this.post.interval(), inFlight(),
				doneNow - this.doneAtLastWindow, refusedNow - this.refusedAtLastWindow);
		this.doneAtLastWindow = doneNow;
		this.refusedAtLastWindow = refusedNow;
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
		json.put("refused", this.refused.get());
		Map<String, Object> refusalCounts = new LinkedHashMap<>();
		this.refusals.forEach((why, count) -> refusalCounts.put(why, count.sum()));
		json.put("refusals", refusalCounts);
		json.put("refusedWithRetryAfter", this.refusedWithRetryAfter.get());
		json.put("refusalLatency", this.refusal.total().toJson());
		json.put("postTimeouts", this.timeouts.get());
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

	/**
	 * One window of a long run.
	 *
	 * @param endToEnd end-to-end latency of orders finished in the window
	 * @param post POST → 202 in the window
	 * @param inFlight orders accepted and not yet finished at the end of the window
	 * @param done orders finished in the window
	 * @param refused orders refused in the window
	 */
	record Window(LatencySummary endToEnd, LatencySummary post, long inFlight, long done, long refused) {

	}

	/**
	 * The counters when a segment of a profile ended.
	 *
	 * @param label the segment that ended
	 * @param nanos when, from {@link System#nanoTime()}
	 * @param sent orders sent so far
	 * @param accepted orders accepted so far
	 * @param refused orders refused so far
	 * @param done orders of this phase DONE so far
	 */
	record Mark(String label, long nanos, long sent, long accepted, long refused, long done) {

	}

}
