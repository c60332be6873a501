package dev.dbaas.pipeline.bench;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounds how many requests of one kind are open at once, the way wrk2 bounds its
 * connections: a request over the limit waits in the client, in arrival order, until one
 * finishes. Latencies are still measured from the intended send time, so the wait counts
 * against the stack, and the open file descriptors (a connection per open request over
 * HTTP/1.1, twice when the stack runs in the bench's JVM) stay far below the process
 * limit however far the stack falls behind.
 *
 * <p>
 * Thread-safe.
 */
final class RequestGate {

	private final Semaphore open;

	private final Queue<Runnable> waiting = new ConcurrentLinkedQueue<>();

	private final AtomicLong waited = new AtomicLong();

	/**
	 * Set while this thread runs {@link #drain()}, so that a request finishing inside it
	 * does not recurse.
	 */
	private final ThreadLocal<Boolean> draining = ThreadLocal.withInitial(() -> false);

	RequestGate(int limit) {
		if (limit < 1) {
			throw new IllegalArgumentException("limit must be positive, got " + limit);
		}
		this.open = new Semaphore(limit);
	}

	/**
	 * Starts a request now, or as soon as an open one finishes. The request must call
	 * {@link #finished()} exactly once when it is answered or fails.
	 * @param request starts the request; must not block
	 */
	void submit(Runnable request) {
		if (this.open.tryAcquire()) {
			request.run();
			return;
		}
		this.waited.incrementAndGet();
		this.waiting.add(request);
		drain();
	}

	/** One request started by this gate is over; the next waiting one may start. */
	void finished() {
		this.open.release();
		drain();
	}

	/**
	 * How many requests had to wait for another one to finish.
	 * @return the count since this gate was made
	 */
	long waited() {
		return this.waited.get();
	}

	private void drain() {
		if (this.draining.get()) {
			// A request started by the loop below finished at once (e.g. it was
			// dropped): its permit is back, and the loop takes the next one. Draining
			// again here would recurse once per waiting request.
			return;
		}
		this.draining.set(true);
		try {
			// A request queued while the last permit was being released must not be
			// stranded: whoever frees a permit or queues a request keeps draining.
			while (!this.waiting.isEmpty() && this.open.tryAcquire()) {
				Runnable next = this.waiting.poll();
				if (next == null) {
					this.open.release();
					return;
				}
				next.run();
			}
		}
		finally {
			this.draining.set(false);
		}
	}

}
