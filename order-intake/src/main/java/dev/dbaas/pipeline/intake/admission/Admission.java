package dev.dbaas.pipeline.intake.admission;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

import dev.dbaas.pipeline.intake.admission.Overload.Bound;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Service;

/**
 * Admission control of new orders (decision 0046): refuses a create or a change order at
 * once while {@code intake.admission.max-orders-in-flight} orders or more are in flight
 * (accepted and not yet settled terminal, {@link OrdersInFlight}), so that the intake
 * never accepts orders faster than the pipeline behind it finishes them; and counts and
 * logs the refusals of the placement writers' full queue.
 *
 * <p>
 * The request path never touches the database: {@link #admit()} reads the count that a
 * thread of its own refreshes every {@code intake.admission.refresh-interval}, plus the
 * orders this instance accepted since (so that a burst cannot overshoot the bound by a
 * refresh interval's worth of orders). Each order this instance accepts is counted once:
 * the writes that accept orders run {@link #writing through} a shared lock that the
 * refresh holds exclusively while it counts, so an order is either committed before the
 * count (and in it) or counted as accepted here since, never both. Only when the refresh
 * cannot have the lock within one interval (a write that hangs) does it count without it,
 * and the orders committed meanwhile are counted twice until the next refresh, erring on
 * the side of refusing. Other intake instances' orders show at the next refresh. A count
 * that could not be refreshed for ten intervals is not trusted: orders are admitted (a
 * database that cannot be read refuses them anyway).
 *
 * <p>
 * A refusal is counted ({@code intake_orders_refused_total{reason}}); it is logged only
 * when refusing starts, goes on or stops, at most once per {@link #LOG_INTERVAL} and
 * bound, never once per request.
 *
 * <p>
 * Thread-safe.
 */
@Service
public class Admission implements SmartLifecycle {

	/** The most often a line about refusals of one bound is logged. */
	static final Duration LOG_INTERVAL = Duration.ofSeconds(10);

	/** Refusing has stopped when none came for this long. */
	static final Duration QUIET = Duration.ofSeconds(1);

	/** A count older than this many refresh intervals is not used. */
	private static final int STALE_AFTER_REFRESHES = 10;

	/** Counting stops at this many times the bound. */
	private static final long COUNT_CAP = 10;

	private static final Logger log = LoggerFactory.getLogger(Admission.class);

	private final OrdersInFlight ordersInFlight;

	private final Clock clock;

	private final long limit;

	private final Duration refreshInterval;

	private final Duration retryAfter;

	private final AtomicLong acceptedHere = new AtomicLong();

	/** Shared by the writes that accept orders, exclusive while the refresh counts. */
	private final ReentrantReadWriteLock counting = new ReentrantReadWriteLock();

	private final Map<Bound, Episode> episodes = new EnumMap<>(Bound.class);

	private volatile @Nullable Snapshot snapshot;

	private long lastFailureLine = Long.MIN_VALUE / 2;

	private @Nullable ScheduledExecutorService refresher;

	public Admission(AdmissionProperties properties, OrdersInFlight ordersInFlight, Clock clock, MeterRegistry meters) {
		this.ordersInFlight = ordersInFlight;
		this.clock = clock;
		this.limit = properties.maxOrdersInFlight();
		this.refreshInterval = properties.refreshInterval();
		this.retryAfter = properties.retryAfter();
		for (Bound bound : Bound.values()) {
			Counter refused = Counter.builder("intake.orders.refused")
				.description("Orders refused with 503 before anything was stored, by the bound that was reached")
				.tag("reason", bound.reason())
				.register(meters);
			this.episodes.put(bound, new Episode(bound, refused));
		}
		if (properties.bounded()) {
			Gauge.builder("intake.orders.in.flight", this, Admission::inFlightOrNaN)
				.description("Orders accepted by order-intake and not yet settled terminal, as admission control "
						+ "sees them (counted up to ten times the bound)")
				.register(meters);
		}
		Gauge.builder("intake.orders.in.flight.limit", () -> this.limit)
			.description("intake.admission.max-orders-in-flight; 0 for no bound")
			.register(meters);
	}

	/**
	 * Decides whether a new order may be placed now. Never blocks and never touches the
	 * database.
	 * @return why not, if it may not
	 */
	public Optional<Overload> admit() {
		if (this.limit == 0) {
			return Optional.empty();
		}
		long inFlight = inFlight();
		if (inFlight < this.limit) {
			return Optional.empty();
		}
		return Optional.of(refuse(Bound.ORDERS_IN_FLIGHT, inFlight, this.limit));
	}

	/**
	 * Runs a write (a transaction, committed when it returns) that may accept new orders,
	 * and counts the orders it accepted (not replays) until the next refresh sees them. A
	 * refresh waits for the writes in progress and holds new ones for as long as it
	 * counts (one bounded query), so that no order is counted twice.
	 * @param <T> what the write returns
	 * @param write the write
	 * @param newlyAccepted how many new orders the write accepted, from what it returned
	 * @return what the write returned
	 */
	public <T> T writing(Supplier<T> write, ToLongFunction<T> newlyAccepted) {
		Lock shared = this.counting.readLock();
		shared.lock();
		try {
			T written = write.get();
			this.acceptedHere.addAndGet(newlyAccepted.applyAsLong(written));
			return written;
		}
		finally {
			shared.unlock();
		}
	}

	/**
	 * Records that a create was refused because the placement writers' queue is full.
	 * @param queued orders waiting for a writer
	 * @param bound the queue's bound
	 * @return the overload to answer with
	 */
	public Overload placementQueueFull(long queued, long bound) {
		return refuse(Bound.PLACEMENT_QUEUE, queued, bound);
	}

	/**
	 * The orders in flight as admission control sees them.
	 * @return the last count plus the orders accepted here since, or {@code -1} when
	 * there is no usable count (none yet, too old, or no bound)
	 */
	public long inFlight() {
		Snapshot counted = this.snapshot;
		if (counted == null || this.clock.millis() - counted.countedAt() > staleAfter()) {
			return -1;
		}
		return counted.count() + (this.acceptedHere.get() - counted.acceptedBefore());
	}

	/**
	 * Reads the count from the database (when there is a bound) and logs what changed
	 * about the refusals. Called by the refresher thread every refresh interval.
	 */
	void refresh() {
		if (this.limit > 0) {
			Lock exclusive = this.counting.writeLock();
			boolean locked = tryLock(exclusive);
			try {
				long before = this.acceptedHere.get();
				long count = this.ordersInFlight.count(saturatedMultiply(this.limit, COUNT_CAP));
				this.snapshot = new Snapshot(count, before, this.clock.millis());
			}
			catch (RuntimeException ex) {
				long now = this.clock.millis();
				if (now - this.lastFailureLine >= LOG_INTERVAL.toMillis()) {
					this.lastFailureLine = now;
					log.warn("Could not count the orders in flight: {}; after {} ms without a count, orders are "
							+ "admitted without one", ex.toString(), staleAfter());
				}
			}
			finally {
				if (locked) {
					exclusive.unlock();
				}
			}
		}
		long now = this.clock.millis();
		this.episodes.values().forEach((episode) -> episode.tick(now));
	}

	private boolean tryLock(Lock exclusive) {
		try {
			return exclusive.tryLock(this.refreshInterval.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private Overload refuse(Bound bound, long count, long limit) {
		this.episodes.get(bound).refused(count, limit);
		return new Overload(bound, count, limit, this.retryAfter);
	}

	private long staleAfter() {
		return this.refreshInterval.toMillis() * STALE_AFTER_REFRESHES;
	}

	private static double inFlightOrNaN(Admission admission) {
		long inFlight = admission.inFlight();
		return (inFlight < 0) ? Double.NaN : inFlight;
	}

	private static long saturatedMultiply(long a, long b) {
		long product = a * b;
		return (product / b == a) ? product : Long.MAX_VALUE;
	}

	private void refreshQuietly() {
		try {
			refresh();
		}
		catch (RuntimeException ex) {
			log.warn("Refreshing admission control failed", ex);
		}
	}

	@Override
	public synchronized void start() {
		if (this.refresher != null) {
			return;
		}
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "intake-admission");
			thread.setDaemon(true);
			return thread;
		});
		executor.scheduleWithFixedDelay(this::refreshQuietly, 0, this.refreshInterval.toNanos(), TimeUnit.NANOSECONDS);
		this.refresher = executor;
	}

	@Override
	public synchronized void stop() {
		if (this.refresher != null) {
			this.refresher.shutdownNow();
			this.refresher = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.refresher != null;
	}

	/**
	 * A count of the orders in flight.
	 *
	 * @param count the orders in flight when counted
	 * @param acceptedBefore how many this instance had accepted before the count began
	 * @param countedAt when, in the clock's milliseconds
	 */
	private record Snapshot(long count, long acceptedBefore, long countedAt) {
	}

	/**
	 * The refusals of one bound, for the log: request threads only count; the refresher
	 * thread writes a line when refusing starts, goes on or stops, at most once per
	 * {@link #LOG_INTERVAL}.
	 */
	private static final class Episode {

		private final Bound bound;

		private final Counter counter;

		private final AtomicLong refusedSinceTick = new AtomicLong();

		private volatile long lastCount;

		private volatile long lastLimit;

		// The rest is the refresher thread's only.
		private boolean refusing;

		private boolean loggedRefusing;

		private long refusedSinceLine;

		private long lastRefusal;

		private long lastLine = Long.MIN_VALUE / 2;

		Episode(Bound bound, Counter counter) {
			this.bound = bound;
			this.counter = counter;
		}

		void refused(long count, long limit) {
			this.counter.increment();
			this.lastCount = count;
			this.lastLimit = limit;
			this.refusedSinceTick.incrementAndGet();
		}

		void tick(long now) {
			long refused = this.refusedSinceTick.getAndSet(0);
			this.refusedSinceLine += refused;
			if (refused > 0) {
				this.refusing = true;
				this.lastRefusal = now;
			}
			else if (this.refusing && now - this.lastRefusal >= QUIET.toMillis()) {
				this.refusing = false;
			}
			if (now - this.lastLine < LOG_INTERVAL.toMillis()) {
				return;
			}
			if (this.refusing && !this.loggedRefusing) {
				log.warn("Refusing new orders with 503: {} {} (bound {}); {} refused so far", this.lastCount, what(),
						this.lastLimit, this.refusedSinceLine);
			}
			else if (this.refusing) {
				log.warn("Still refusing new orders with 503: {} {} (bound {}); {} refused in the last {} s",
						this.lastCount, what(), this.lastLimit, this.refusedSinceLine, (now - this.lastLine) / 1000);
			}
			else if (this.loggedRefusing) {
				log.info("Stopped refusing new orders at the bound of {}; {} more refused since the last line", what(),
						this.refusedSinceLine);
			}
			else {
				return;
			}
			this.loggedRefusing = this.refusing;
			this.refusedSinceLine = 0;
			this.lastLine = now;
		}

		private String what() {
			return (this.bound == Bound.ORDERS_IN_FLIGHT) ? "orders in flight" : "orders waiting for a writer";
		}

	}

}
