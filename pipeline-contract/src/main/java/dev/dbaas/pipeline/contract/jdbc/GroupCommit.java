package dev.dbaas.pipeline.contract.jdbc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;

/**
 * Group commit: callers on many threads submit one item each and wait; a few writer
 * threads take whatever is queued (up to a maximum) and write it in one transaction, so
 * that concurrent requests share statements, round trips and the WAL flush of one commit
 * instead of paying for their own. Nothing waits to fill a group: a writer takes what has
 * queued while the previous group was being written, so under light load a group is one
 * item and adds no delay.
 *
 * <p>
 * A group that fails is retried item by item when the failure may come from one item
 * (say, a constraint violation), so one bad item fails alone; when it says the database
 * is unavailable, every item of the group fails with it at once.
 *
 * <p>
 * Thread-safe. {@link #close()} writes what is queued, then stops the writers.
 *
 * @param <T> what callers submit
 * @param <R> what each gets back
 */
public final class GroupCommit<T, R> implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

	private final BlockingQueue<Pending<T, R>> queue = new LinkedBlockingQueue<>();

	private final Function<List<T>, List<R>> write;

	private final Predicate<RuntimeException> mayBeCausedByOneItem;

	private final IntConsumer groupSizes;

	private final int maxGroupSize;

	private final Duration timeout;

	private final int maxQueued;

	private final List<Thread> writers = new ArrayList<>();

	private volatile boolean running = true;

	/**
	 * Starts the writer threads.
	 * @param name prefix of the writer threads' names
	 * @param writers how many groups may be written at the same time
	 * @param maxGroupSize the most items in one group
	 * @param timeout how long a caller waits for its item to be written
	 * @param write writes a group in one transaction; returns one result per item, in
	 * order
	 * @param mayBeCausedByOneItem whether a failure of a group is worth retrying item by
	 * item
	 * @param groupSizes told the size of every group written
	 */
	public GroupCommit(String name, int writers, int maxGroupSize, Duration timeout, Function<List<T>, List<R>> write,
			Predicate<RuntimeException> mayBeCausedByOneItem, IntConsumer groupSizes) {
		this(name, writers, maxGroupSize, 0, timeout, write, mayBeCausedByOneItem, groupSizes);
	}

	/**
	 * Starts the writer threads, with a bound on the items that may wait: past it,
	 * {@link #submit} refuses at once with {@link WriterQueueFullException} instead of
	 * letting the caller wait behind a queue it cannot get through in time.
	 * @param name prefix of the writer threads' names
	 * @param writers how many groups may be written at the same time
	 * @param maxGroupSize the most items in one group
	 * @param maxQueued the most items that may wait for a writer; {@code 0} for no bound
	 * @param timeout how long a caller waits for its item to be written
	 * @param write writes a group in one transaction; returns one result per item, in
	 * order
	 * @param mayBeCausedByOneItem whether a failure of a group is worth retrying item by
	 * item
	 * @param groupSizes told the size of every group written
	 */
	public GroupCommit(String name, int writers, int maxGroupSize, int maxQueued, Duration timeout,
			Function<List<T>, List<R>> write, Predicate<RuntimeException> mayBeCausedByOneItem,
			IntConsumer groupSizes) {
		if (maxQueued < 0) {
			throw new IllegalArgumentException("maxQueued must not be negative: " + maxQueued);
		}
		this.maxQueued = maxQueued;
		this.write = write;
		this.mayBeCausedByOneItem = mayBeCausedByOneItem;
		this.groupSizes = groupSizes;
		this.maxGroupSize = maxGroupSize;
		this.timeout = timeout;
		for (int i = 0; i < writers; i++) {
			Thread writer = new Thread(this::writeUntilClosed, name + "-" + i);
			writer.setDaemon(true);
			this.writers.add(writer);
			writer.start();
		}
	}

	/**
	 * Queues an item and waits until its group is written.
	 * @param item the item
	 * @return its result, after commit
	 * @throws QueryTimeoutException if it was not written within the timeout (it may
	 * still be written later)
	 * @throws WriterQueueFullException if the queue is at its bound (nothing was queued)
	 * @throws TransientDataAccessResourceException if the writers are stopping
	 * @throws RuntimeException whatever writing its group (or, after a split, the item
	 * alone) threw
	 */
	public R submit(T item) {
		Pending<T, R> pending = new Pending<>(item);
		if (!this.running) {
			throw stopping();
		}
		if (this.maxQueued > 0 && this.queue.size() >= this.maxQueued) {
			throw new WriterQueueFullException(this.maxQueued);
		}
		this.queue.add(pending);
		if (!this.running && this.queue.remove(pending)) {
			throw stopping();
		}
		try {
			return pending.result().get(this.timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (cause instanceof Error error) {
				throw error;
			}
			throw new IllegalStateException(cause);
		}
		catch (TimeoutException ex) {
			throw new QueryTimeoutException("Not written within " + this.timeout + "; it may still be");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new TransientDataAccessResourceException("Interrupted while waiting for the write", ex);
		}
	}

	/**
	 * How many items wait for a writer.
	 * @return the number of queued items
	 */
	public int queued() {
		return this.queue.size();
	}

	/**
	 * Writes what is queued, then stops the writers; items submitted from now on fail.
	 */
	@Override
	public void close() {
		this.running = false;
		long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
		for (Thread writer : this.writers) {
			try {
				writer.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		this.writers.forEach(Thread::interrupt);
		for (Pending<T, R> left = this.queue.poll(); left != null; left = this.queue.poll()) {
			left.result().completeExceptionally(stopping());
		}
	}

	private void writeUntilClosed() {
		List<Pending<T, R>> group = new ArrayList<>(this.maxGroupSize);
		while (this.running || !this.queue.isEmpty()) {
			try {
				Pending<T, R> first = this.queue.poll(100, TimeUnit.MILLISECONDS);
				if (first == null) {
					continue;
				}
				group.add(first);
				this.queue.drainTo(group, this.maxGroupSize - 1);
				this.groupSizes.accept(group.size());
				write(group);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				group.forEach((pending) -> pending.result().completeExceptionally(stopping()));
				return;
			}
			finally {
				group.clear();
			}
		}
	}

	private void write(List<Pending<T, R>> group) {
		List<R> results;
		try {
			results = this.write.apply(group.stream().map(Pending::item).toList());
		}
		catch (RuntimeException ex) {
			if (group.size() > 1 && this.mayBeCausedByOneItem.test(ex)) {
				log.debug("A group of {} failed; writing its items one by one", group.size(), ex);
				group.forEach((pending) -> write(List.of(pending)));
			}
			else {
				group.forEach((pending) -> pending.result().completeExceptionally(ex));
			}
			return;
		}
		catch (Error error) {
			group.forEach((pending) -> pending.result().completeExceptionally(error));
			throw error;
		}
		if (results.size() != group.size()) {
			IllegalStateException mismatch = new IllegalStateException(
					results.size() + " results for a group of " + group.size());
			group.forEach((pending) -> pending.result().completeExceptionally(mismatch));
			return;
		}
		for (int i = 0; i < group.size(); i++) {
			group.get(i).result().complete(results.get(i));
		}
	}

	private static TransientDataAccessResourceException stopping() {
		return new TransientDataAccessResourceException("The writer is stopping");
	}

	private record Pending<T, R>(T item, CompletableFuture<R> result) {

		Pending(T item) {
			this(item, new CompletableFuture<>());
		}

	}

}
