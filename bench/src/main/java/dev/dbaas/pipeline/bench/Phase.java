package dev.dbaas.pipeline.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.jspecify.annotations.Nullable;

/**
 * Counters and latencies of one phase of load: what was sent, accepted, finished and
 * failed, and the latency of each stage of an order ({@link Stage}).
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

}
