package dev.dbaas.pipeline.contract.outbox;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Wakes a relay, e.g. when a transaction that wrote outbox rows committed. A wake-up that
 * arrives while the relay is busy is kept, so none is lost; many collapse into one.
 *
 * <p>
 * Thread-safe.
 */
final class RelaySignal {

	private final BlockingQueue<Boolean> pending = new ArrayBlockingQueue<>(1);

	/** Wakes the relay, now or when it next waits. */
	void wake() {
		this.pending.offer(Boolean.TRUE);
	}

	/**
	 * Waits for a wake-up or the timeout.
	 * @param timeout longest wait
	 * @return {@code true} if woken
	 * @throws InterruptedException if interrupted
	 */
	boolean await(Duration timeout) throws InterruptedException {
		return this.pending.poll(timeout.toNanos(), TimeUnit.NANOSECONDS) != null;
	}

}
