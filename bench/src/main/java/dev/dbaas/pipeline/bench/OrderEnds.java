package dev.dbaas.pipeline.bench;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The end of every order a phase placed, as the status topic tells it
 * ({@link StatusTopicFollower}): an order {@link #track tracked} when its 202 arrives is
 * finished in its {@link Phase} the first time a terminal status event of it is
 * {@link #ended seen}: DONE, or FAILED or another terminal status as an error, exactly
 * once. The event may come before the 202 has been handled (the pipeline can be faster
 * than the bench's HTTP callbacks): ends not tracked yet are kept for
 * {@link #UNTRACKED_KEPT}, and the order is finished as soon as it is tracked. An order
 * still tracked when its phase closes is {@link #abandon abandoned} as unfinished.
 *
 * <p>
 * Thread-safe: HTTP callbacks track, the topic's consumer thread ends, both at once.
 */
final class OrderEnds {

	/** How long an end of an order not (yet) tracked is kept: other clients' orders. */
	static final Duration UNTRACKED_KEPT = Duration.ofMinutes(2);

	private final Map<String, Tracked> tracked = new ConcurrentHashMap<>();

	private final Map<String, End> untracked = new ConcurrentHashMap<>();

	/**
	 * Counts an accepted order as followed by its phase and waits for its end.
	 * @param phase the order's phase
	 * @param trace the order
	 */
	void track(Phase phase, OrderTrace trace) {
		phase.following.incrementAndGet();
		Tracked order = new Tracked(phase, trace);
		this.tracked.put(trace.orderId(), order);
		// after the put: an end seen before it is in untracked by now (see ended)
		End early = this.untracked.remove(trace.orderId());
		if (early != null && this.tracked.remove(trace.orderId(), order)) {
			finish(order, early);
		}
	}

	/**
	 * A terminal status event of an order.
	 * @param orderId the order
	 * @param status {@code DONE}, {@code FAILED} or another terminal status
	 * @param nanos when it was seen, from {@link System#nanoTime()}
	 */
	void ended(String orderId, String status, long nanos) {
		End end = new End(status, nanos);
		// before looking for the order: whichever of track and ended comes second finds
		// the other's entry, and only the one that removes the tracked order finishes it
		this.untracked.put(orderId, end);
		Tracked order = this.tracked.remove(orderId);
		if (order != null) {
			this.untracked.remove(orderId, end);
			finish(order, end);
		}
	}

	/**
	 * Counts every order of a closed phase not ended yet as unfinished.
	 * @param phase the phase, closed
	 * @return how many
	 */
	long abandon(Phase phase) {
		long abandoned = 0;
		for (Map.Entry<String, Tracked> entry : this.tracked.entrySet()) {
			if (entry.getValue().phase() == phase && this.tracked.remove(entry.getKey(), entry.getValue())) {
				phase.finish(entry.getValue().trace(), "unfinished");
				abandoned++;
			}
		}
		return abandoned;
	}

	/**
	 * Forgets ends of orders never tracked, once older than {@link #UNTRACKED_KEPT}.
	 * @param now {@link System#nanoTime()}
	 */
	void sweep(long now) {
		this.untracked.values().removeIf((end) -> now - end.nanos() > UNTRACKED_KEPT.toNanos());
	}

	/**
	 * Orders tracked and not ended.
	 * @return the count
	 */
	int open() {
		return this.tracked.size();
	}

	private static void finish(Tracked order, End end) {
		Phase phase = order.phase();
		if (end.status().equals("DONE") || end.status().equals("FAILED")) {
			phase.lastDone = Math.max(phase.lastDone, end.nanos());
		}
		phase.finish(order.trace(), end.status().equals("DONE") ? null : end.status());
	}

	private record Tracked(Phase phase, OrderTrace trace) {

	}

	private record End(String status, long nanos) {

	}

}
