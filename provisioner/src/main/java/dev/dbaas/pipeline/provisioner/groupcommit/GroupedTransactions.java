package dev.dbaas.pipeline.provisioner.groupcommit;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

import dev.dbaas.pipeline.contract.jdbc.GroupCommit;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Short transactions of many threads, committed together: a caller hands over a unit of
 * work (statements on the provisioner's database) and waits until it committed; a few
 * writer threads ({@link GroupCommit}) run whatever units have queued, one after the
 * other, in one transaction, so that concurrent workers share one commit and one WAL
 * flush instead of paying for their own. Under light load a group is one unit and adds
 * only the hand-over to a writer thread.
 *
 * <p>
 * A unit sees the writes of the units before it in its group, as if they had committed
 * just before it; it must not catch a failed statement and go on (the group's transaction
 * is then aborted) and must not change anything but the database, because a group that
 * fails for a reason one unit may cause (a constraint, a deadlock between two writers) is
 * rolled back and run again unit by unit, so that one unit fails alone. When the database
 * is unavailable, every unit of the group fails at once. A caller gets what its unit
 * returned, or what it threw, after the commit.
 *
 * <p>
 * A unit runs on a writer thread: it must take what it needs from its caller's thread
 * (trace context, MDC) with it. Thread-safe; {@link #close()} writes what is queued, then
 * stops the writers.
 */
public final class GroupedTransactions implements AutoCloseable {

	private final GroupCommit<Supplier<?>, Result> group;

	/**
	 * Starts the writers.
	 * @param transactions transactions on the provisioner's database
	 * @param properties writers, group size and timeout
	 * @param groupSizes told the size of every group written
	 */
	public GroupedTransactions(TransactionTemplate transactions, GroupCommitProperties properties,
			IntConsumer groupSizes) {
		this.group = new GroupCommit<>("provisioner-group-commit", properties.writers(), properties.maxGroupSize(),
				properties.timeout(), (units) -> write(transactions, units), GroupedTransactions::mayBeCausedByOneUnit,
				groupSizes);
	}

	/**
	 * Runs a unit of work in a group transaction and waits until that committed.
	 * @param <R> what the unit returns
	 * @param unit statements on the provisioner's database, run on a writer thread
	 * @return what the unit returned, once its group committed
	 * @throws QueryTimeoutException if the group did not commit within the timeout (it
	 * may still commit)
	 * @throws TransientDataAccessResourceException if the writers are stopping or the
	 * caller was interrupted while it waited (the unit may still commit)
	 * @throws RuntimeException what the unit threw (run alone after its group failed), or
	 * why the group could not be committed
	 */
	@SuppressWarnings("unchecked")
	public <R> R run(Supplier<R> unit) {
		return (R) this.group.submit(unit).value();
	}

	/**
	 * How many units wait for a writer.
	 * @return the queue's length
	 */
	public int queued() {
		return this.group.queued();
	}

	@Override
	public void close() {
		this.group.close();
	}

	private static List<Result> write(TransactionTemplate transactions, List<Supplier<?>> units) {
		List<Result> results = transactions.execute((status) -> {
			List<Result> values = new ArrayList<>(units.size());
			for (Supplier<?> unit : units) {
				values.add(new Result(unit.get()));
			}
			return values;
		});
		if (results == null) {
			throw new IllegalStateException("a group transaction returned nothing");
		}
		return results;
	}

	/**
	 * Whether a failed group is worth running again unit by unit: not when the database
	 * is unavailable (each unit would fail the same way, one timeout after the other),
	 * but for anything a single unit may cause, a deadlock between two writers' groups
	 * included.
	 */
	private static boolean mayBeCausedByOneUnit(RuntimeException ex) {
		if (ex instanceof PessimisticLockingFailureException) {
			return true;
		}
		return !(ex instanceof CannotCreateTransactionException || ex instanceof DataAccessResourceFailureException
				|| ex instanceof TransientDataAccessResourceException || ex instanceof QueryTimeoutException
				|| ex instanceof TransactionSystemException);
	}

	/** A unit's value, which may be {@code null}. */
	private record Result(@Nullable Object value) {
	}

}
