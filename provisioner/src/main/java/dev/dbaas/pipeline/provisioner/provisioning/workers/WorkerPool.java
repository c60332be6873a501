package dev.dbaas.pipeline.provisioner.provisioning.workers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.dbaas.pipeline.contract.tracing.OrderTraces;
import dev.dbaas.pipeline.provisioner.provisioning.ClaimedJob;
import dev.dbaas.pipeline.provisioner.provisioning.Lease;
import dev.dbaas.pipeline.provisioner.provisioning.OrderId;
import dev.dbaas.pipeline.provisioner.provisioning.Provisioning;
import dev.dbaas.pipeline.provisioner.provisioning.ProvisioningJobs;
import dev.dbaas.pipeline.provisioner.tracing.JobTraces;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * One instance's workers. A claimer thread claims due jobs while slots are free (up to
 * {@code concurrency} jobs at once) and hands each to a worker thread that drives it
 * through its steps. A scheduler renews the leases of the jobs in flight and times out
 * overdue jobs.
 *
 * <p>
 * Shutdown stops claiming, lets every worker finish the step under way and hand its job
 * back (lease released, so another instance continues at once). Workers still busy after
 * the grace period are interrupted; their jobs are handed back too, and the step is
 * repeated idempotently elsewhere. An instance that dies without shutting down leaves its
 * leases to expire.
 */
public class WorkerPool implements SmartLifecycle {

	/** Stops after the Kafka listener (no new jobs) and before the outbox relay. */
	public static final int PHASE = Integer.MAX_VALUE - 200;

	private static final Logger log = LoggerFactory.getLogger(WorkerPool.class);

	private final Provisioning provisioning;

	private final ProvisioningJobs jobs;

	private final WorkerProperties properties;

	private final String workerId;

	private final Semaphore slots;

	private final JobTraces traces;

	private final Duration hostTimeout;

	private final Map<OrderId, Lease> inFlight = new ConcurrentHashMap<>();

	private volatile boolean running;

	private volatile CountDownLatch stopping = new CountDownLatch(0);

	private @Nullable ExecutorService workers;

	private @Nullable ScheduledExecutorService housekeeping;

	private @Nullable Thread claimer;

	/**
	 * Creates the pool; {@link #start()} starts it.
	 * @param provisioning the use cases
	 * @param jobs the job store
	 * @param properties pool settings
	 * @param workerId this instance's id in the fleet
	 * @param traces continues each order's trace while it is driven
	 * @param hostTimeout how long a provisioner host may be silent before the jobs of its
	 * instances fail
	 */
	public WorkerPool(Provisioning provisioning, ProvisioningJobs jobs, WorkerProperties properties, String workerId,
			JobTraces traces, Duration hostTimeout) {
		this.hostTimeout = hostTimeout;
		this.provisioning = provisioning;
		this.jobs = jobs;
		this.properties = properties;
		this.workerId = workerId;
		this.traces = traces;
		this.slots = new Semaphore(properties.concurrency());
	}

	/**
	 * This instance's worker id, written into the leases it holds.
	 * @return the id
	 */
	public String workerId() {
		return this.workerId;
	}

	/**
	 * How many jobs this instance drives right now.
	 * @return jobs in flight
	 */
	public int inFlight() {
		return this.inFlight.size();
	}

	@Override
	public synchronized void start() {
		if (this.running) {
			return;
		}
		// Alive before the first claim: a job placed on this host never belongs to a
		// host without a heartbeat.
		this.jobs.heartbeat();
		this.running = true;
		this.stopping = new CountDownLatch(1);
		this.workers = Executors.newFixedThreadPool(this.properties.concurrency(), named("provisioning-worker-"));
		ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(named("provisioning-leases-"));
		long heartbeat = this.properties.heartbeatInterval().toMillis();
		scheduler.scheduleWithFixedDelay(this::renewLeases, heartbeat, heartbeat, TimeUnit.MILLISECONDS);
		long sweep = this.properties.deadlineSweepInterval().toMillis();
		scheduler.scheduleWithFixedDelay(this::timeOutOverdue, sweep, sweep, TimeUnit.MILLISECONDS);
		scheduler.scheduleWithFixedDelay(this::failStranded, sweep, sweep, TimeUnit.MILLISECONDS);
		this.housekeeping = scheduler;
		Thread thread = named("provisioning-claimer-").newThread(this::claimUntilStopped);
		thread.start();
		this.claimer = thread;
		log.info("Worker {} started with {} concurrent provisionings", this.workerId, this.properties.concurrency());
	}

	@Override
	public void stop() {
		ExecutorService pool;
		ScheduledExecutorService scheduler;
		Thread thread;
		synchronized (this) {
			if (!this.running) {
				return;
			}
			this.running = false;
			this.stopping.countDown();
			pool = this.workers;
			scheduler = this.housekeeping;
			thread = this.claimer;
		}
		try {
			if (thread != null) {
				thread.interrupt();
				thread.join(5_000);
			}
			if (pool != null) {
				pool.shutdown();
				int busy = this.inFlight.size();
				if (busy > 0) {
					log.info("Worker {} finishing {} steps under way before handing their jobs back", this.workerId,
							busy);
				}
				if (!pool.awaitTermination(this.properties.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
					log.warn("Worker {}: steps still under way after {}; interrupting them", this.workerId,
							this.properties.shutdownGrace());
					pool.shutdownNow();
					pool.awaitTermination(5, TimeUnit.SECONDS);
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			handBackRemaining();
			if (scheduler != null) {
				scheduler.shutdownNow();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	private void claimUntilStopped() {
		while (this.running) {
			try {
				this.slots.acquire();
				this.slots.release();
				int free = this.slots.availablePermits();
				List<ClaimedJob> claimed = this.jobs.claimDue(this.workerId, free);
				for (ClaimedJob job : claimed) {
					this.slots.acquire();
					submit(job);
				}
				if (claimed.size() < free) {
					idle();
				}
			}
			catch (InterruptedException ex) {
				return;
			}
			catch (RuntimeException ex) {
				log.warn("Worker {} could not claim jobs: {}", this.workerId, ex.toString());
				try {
					idle();
				}
				catch (InterruptedException interrupted) {
					return;
				}
			}
		}
	}

	private void submit(ClaimedJob job) {
		Lease lease = job.lease();
		this.inFlight.put(lease.orderId(), lease);
		ExecutorService pool = this.workers;
		try {
			if (pool == null) {
				throw new RejectedExecutionException("worker pool is not running");
			}
			pool.execute(() -> drive(job));
		}
		catch (RejectedExecutionException ex) {
			this.inFlight.remove(lease.orderId());
			this.slots.release();
			releaseQuietly(lease);
		}
	}

	private void drive(ClaimedJob job) {
		Lease lease = job.lease();
		try (OrderTraces.Scope trace = this.traces.continueTrace(lease.orderId().value(), "provision")) {
			this.provisioning.drive(job, () -> !this.running);
		}
		catch (InterruptedException ex) {
			// Shutdown after the grace period: hand the job back; the interrupted step is
			// repeated idempotently by whoever claims it next.
			releaseQuietly(lease);
			Thread.currentThread().interrupt();
		}
		catch (RuntimeException ex) {
			if (Thread.interrupted()) {
				// Interrupted while its write waited for a group commit: hand the job
				// back as above (with the flag cleared, so that the release gets a
				// connection). The write is fenced by the lease token, so whichever of
				// the two commits first, the step is at most repeated.
				releaseQuietly(lease);
				Thread.currentThread().interrupt();
				return;
			}
			// Keep the lease: it expires and the job is claimed again after the lease
			// duration, which spaces out retries of a persistent problem.
			log.error("Worker {} failed driving order {}; it is retried when the lease expires", this.workerId,
					lease.orderId(), ex);
		}
		finally {
			this.inFlight.remove(lease.orderId());
			this.slots.release();
		}
	}

	private void renewLeases() {
		try {
			this.jobs.heartbeat();
			this.jobs.renew(new ArrayList<>(this.inFlight.values()));
		}
		catch (RuntimeException ex) {
			log.warn("Worker {} could not renew its leases: {}", this.workerId, ex.toString());
		}
	}

	private void failStranded() {
		try {
			int failed = this.provisioning.failStranded(this.hostTimeout, 100);
			if (failed > 0) {
				log.warn("Failed {} orders whose provisioner host has been silent for more than {}", failed,
						this.hostTimeout);
			}
		}
		catch (RuntimeException ex) {
			log.warn("Looking for orders of silent provisioner hosts failed: {}", ex.toString());
		}
	}

	private void timeOutOverdue() {
		try {
			int timedOut = this.provisioning.timeOutOverdue(100);
			if (timedOut > 0) {
				log.info("Timed out {} overdue provisionings", timedOut);
			}
		}
		catch (RuntimeException ex) {
			log.warn("Looking for overdue provisionings failed: {}", ex.toString());
		}
	}

	private void handBackRemaining() {
		for (Lease lease : new ArrayList<>(this.inFlight.values())) {
			releaseQuietly(lease);
		}
	}

	private void releaseQuietly(Lease lease) {
		try {
			this.jobs.release(lease);
		}
		catch (RuntimeException ex) {
			log.warn("Could not hand back order {}; its lease expires instead: {}", lease.orderId(), ex.toString());
		}
	}

	private void idle() throws InterruptedException {
		this.stopping.await(this.properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
	}

	private static ThreadFactory named(String prefix) {
		AtomicInteger counter = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

}
