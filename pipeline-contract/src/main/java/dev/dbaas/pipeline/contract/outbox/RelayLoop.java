package dev.dbaas.pipeline.contract.outbox;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * The thread of an outbox relay: relays batch after batch while they come full, waits for
 * a {@linkplain #wake() wake-up} or the poll interval when one did not, and backs off
 * exponentially (from {@code minBackoff} to {@code maxBackoff}) while a batch fails; rows
 * wait in the table meanwhile. A subclass says how one batch is claimed, sent and marked
 * ({@link #relayBatch()}), with {@link BatchSend} for the send.
 *
 * <p>
 * Stopping wakes the thread and gives it {@code stopGrace} to finish the batch in hand
 * (and, with {@code drainOnStop}, to relay what is left), then interrupts it.
 * Thread-safe.
 */
public abstract class RelayLoop implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(RelayLoop.class);

	private static final Duration JOIN_AFTER_INTERRUPT = Duration.ofSeconds(10);

	private final Settings settings;

	private final RelaySignal signal = new RelaySignal();

	private volatile boolean running;

	private volatile CountDownLatch stopping = new CountDownLatch(0);

	private @Nullable Thread thread;

	/**
	 * A relay loop.
	 * @param settings its settings
	 */
	protected RelayLoop(Settings settings) {
		this.settings = settings;
	}

	/**
	 * Wakes the thread if it waits for the poll interval, e.g. after a commit that wrote
	 * outbox rows; a wake-up while it is busy is kept. Does nothing to a thread that
	 * backs off.
	 */
	public void wake() {
		this.signal.wake();
	}

	/**
	 * Claims, sends and marks one batch.
	 * @return how many rows were relayed
	 * @throws RuntimeException if the batch failed; the loop backs off
	 */
	protected abstract int relayBatch();

	/**
	 * Whether this instance relays at all; {@link #start()} does nothing when not.
	 * @return {@code true} by default
	 */
	protected boolean enabled() {
		return true;
	}

	@Override
	public synchronized void start() {
		if (!enabled() || this.running) {
			return;
		}
		this.running = true;
		this.stopping = new CountDownLatch(1);
		Thread relay = new Thread(this::relayUntilStopped, this.settings.threadName());
		relay.setDaemon(true);
		this.thread = relay;
		relay.start();
	}

	@Override
	public void stop() {
		Thread relay;
		synchronized (this) {
			if (!this.running) {
				return;
			}
			this.running = false;
			this.stopping.countDown();
			this.signal.wake();
			relay = this.thread;
			this.thread = null;
		}
		if (relay == null) {
			return;
		}
		try {
			if (!this.settings.stopGrace().isZero()) {
				relay.join(this.settings.stopGrace().toMillis());
			}
			if (relay.isAlive()) {
				relay.interrupt();
				relay.join(JOIN_AFTER_INTERRUPT.toMillis());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return this.settings.phase();
	}

	private void relayUntilStopped() {
		Duration backoff = Duration.ZERO;
		while (this.running) {
			try {
				int relayed = relayBatch();
				backoff = Duration.ZERO;
				if (relayed < this.settings.batchSize()) {
					this.signal.await(this.settings.pollInterval());
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				if (!this.running) {
					break;
				}
				backoff = nextBackoff(backoff);
				if (backoff.equals(this.settings.minBackoff())) {
					log.warn("{} failed, retrying with back-off up to {}: {}", this.settings.threadName(),
							this.settings.maxBackoff(), ex.toString());
				}
				else {
					log.debug("{} failed again, next try in {}", this.settings.threadName(), backoff, ex);
				}
				try {
					this.stopping.await(backoff.toNanos(), TimeUnit.NANOSECONDS);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
		if (this.settings.drainOnStop()) {
			drain();
		}
	}

	/** A last pass, so that rows written during shutdown go out now. */
	private void drain() {
		try {
			while (!Thread.currentThread().isInterrupted() && relayBatch() > 0) {
				// until the outbox is empty, another instance holds the rows, or we are
				// interrupted
			}
		}
		catch (RuntimeException ex) {
			log.info("Final pass of {} stopped: {}", this.settings.threadName(), ex.toString());
		}
	}

	Duration nextBackoff(Duration current) {
		if (current.isZero()) {
			return this.settings.minBackoff();
		}
		Duration doubled = current.multipliedBy(2);
		return (doubled.compareTo(this.settings.maxBackoff()) <= 0) ? doubled : this.settings.maxBackoff();
	}

	/**
	 * How a relay loop runs.
	 *
	 * @param threadName the thread's name, also in log lines
	 * @param batchSize most rows per batch; a full batch is followed by the next at once
	 * @param pollInterval longest wait for a wake-up after a batch that was not full
	 * @param minBackoff first pause after a failed batch
	 * @param maxBackoff longest pause after failed batches
	 * @param stopGrace how long {@link #stop()} lets the thread finish before
	 * interrupting it; zero interrupts at once
	 * @param drainOnStop whether the thread relays what is left before it ends
	 * @param phase the {@link SmartLifecycle} phase
	 */
	public record Settings(String threadName, int batchSize, Duration pollInterval, Duration minBackoff,
			Duration maxBackoff, Duration stopGrace, boolean drainOnStop, int phase) {

		public Settings {
			Objects.requireNonNull(threadName, "threadName");
			if (batchSize < 1) {
				throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
			}
			requirePositive("pollInterval", pollInterval);
			requirePositive("minBackoff", minBackoff);
			requirePositive("maxBackoff", maxBackoff);
			if (maxBackoff.compareTo(minBackoff) < 0) {
				throw new IllegalArgumentException(
						"maxBackoff " + maxBackoff + " must not be shorter than minBackoff " + minBackoff);
			}
			if (stopGrace == null || stopGrace.isNegative()) {
				throw new IllegalArgumentException("stopGrace must be zero or positive, got " + stopGrace);
			}
		}

		private static void requirePositive(String name, @Nullable Duration value) {
			if (value == null || value.isNegative() || value.isZero()) {
				throw new IllegalArgumentException(name + " must be positive, got " + value);
			}
		}

	}

}
