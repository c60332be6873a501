package dev.dbaas.pipeline.systemtests.faults.load;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the clients of one scenario saw. Thread-safe.
 */
public final class LoadStats {

	private final AtomicInteger sent = new AtomicInteger();

	private final Set<String> accepted = new ConcurrentSkipListSet<>();

	private final AtomicInteger unresolved = new AtomicInteger();

	private final AtomicInteger rejected = new AtomicInteger();

	private final AtomicInteger documented503 = new AtomicInteger();

	private final AtomicInteger undocumented5xx = new AtomicInteger();

	private final AtomicInteger connectionErrors = new AtomicInteger();

	private final AtomicInteger throttled = new AtomicInteger();

	private final Map<String, String> undocumentedSamples = new ConcurrentHashMap<>();

	/** Nothing seen yet. */
	public LoadStats() {
	}

	void orderSent() {
		this.sent.incrementAndGet();
	}

	void accepted(String orderId) {
		this.accepted.add(orderId);
	}

	void gaveUp() {
		this.unresolved.incrementAndGet();
	}

	void rejected(int status, String body) {
		this.rejected.incrementAndGet();
		this.undocumentedSamples.putIfAbsent("HTTP " + status, body);
	}

	void serverError(int status, boolean retryAfter, String body) {
		if (status == 503 && retryAfter) {
			this.documented503.incrementAndGet();
		}
		else {
			this.undocumented5xx.incrementAndGet();
			this.undocumentedSamples.putIfAbsent("HTTP " + status + (retryAfter ? "" : " without Retry-After"), body);
		}
	}

	void throttledOnce() {
		this.throttled.incrementAndGet();
	}

	void connectionError() {
		this.connectionErrors.incrementAndGet();
	}

	/**
	 * Distinct orders the clients tried to place.
	 * @return how many
	 */
	public int sent() {
		return this.sent.get();
	}

	/**
	 * Order ids answered 202.
	 * @return a snapshot
	 */
	public Set<String> accepted() {
		return Set.copyOf(this.accepted);
	}

	/**
	 * Orders without a definite answer before the client gave up.
	 * @return how many
	 */
	public int unresolved() {
		return this.unresolved.get();
	}

	/**
	 * 4xx answers to valid orders (there should be none).
	 * @return how many
	 */
	public int rejected() {
		return this.rejected.get();
	}

	/**
	 * 503 answers with {@code Retry-After}: the documented answer while PostgreSQL is
	 * unavailable.
	 * @return how many
	 */
	public int documented503() {
		return this.documented503.get();
	}

	/**
	 * Any other 5xx answer, or a 503 without {@code Retry-After}.
	 * @return how many
	 */
	public int undocumented5xx() {
		return this.undocumented5xx.get();
	}

	/**
	 * Requests that got no HTTP answer (connection refused or reset, timeout): the client
	 * retried them.
	 * @return how many
	 */
	public int connectionErrors() {
		return this.connectionErrors.get();
	}

	/**
	 * 429 answers (the per-client rate limit): the client retried them after
	 * {@code Retry-After}.
	 * @return how many
	 */
	public int throttled() {
		return this.throttled.get();
	}

	/**
	 * One body per kind of unexpected answer, for the failure message.
	 * @return kind to body
	 */
	public Map<String, String> unexpectedAnswers() {
		return new TreeMap<>(this.undocumentedSamples);
	}

}
