package dev.dbaas.pipeline.provisioner.provisioning.workers;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Wakes the claimer when a job was added on this instance. A wake-up that arrives while
 * the claimer is busy is kept, so none is lost; many collapse into one.
 *
 * <p>
 * Thread-safe.
 */
final class ClaimSignal {

	private final BlockingQueue<Boolean> pending = new ArrayBlockingQueue<>(1);

	/** Wakes the claimer, now or when it next waits. */
	void wake() {
		this.pending.offer(Boolean.TRUE);
	}

	/**
	 * Forgets a pending wake-up, right before a claim: the claim sees every job added
	 * before it, so only a wake-up after this call needs another claim.
	 */
	void clear() {
		this.pending.poll();
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
