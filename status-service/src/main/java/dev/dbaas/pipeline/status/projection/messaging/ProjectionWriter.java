package dev.dbaas.pipeline.status.projection.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.dbaas.pipeline.contract.jdbc.GroupCommit;
import dev.dbaas.pipeline.status.order.OrderEvent;
import dev.dbaas.pipeline.status.projection.OrderProjector;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Applies the batches of every listener consumer, of both topics, in shared transactions
 * (a {@link GroupCommit}): a consumer hands over its batch and waits; a writer thread
 * takes every batch that queued meanwhile and projects them together, in one transaction
 * and with one statement per table. When the service is caught up, the consumers' small
 * polls would otherwise each pay a transaction, a commit and a long-poll wake-up of their
 * own.
 *
 * <p>
 * What the listeners relied on holds: {@link #apply} returns after the commit, so the
 * consumer commits its offsets only for applied events and polls its partitions' next
 * records only then (order per order id); the projector applies each event once however
 * often it arrives, also twice in one group. A group that fails because one of its
 * batches cannot be applied is retried batch by batch, so that only that batch's consumer
 * fails and redelivers; when the database is unavailable the whole group fails at once.
 *
 * <p>
 * Counts the batches per transaction in {@code status_projection_group_batches}.
 * Thread-safe.
 */
@Component
class ProjectionWriter implements DisposableBean {

	private final GroupCommit<List<? extends OrderEvent>, Boolean> writer;

	ProjectionWriter(OrderProjector projector, MeterRegistry registry,
			@Value("${status.projection.writers:2}") int writers,
			@Value("${status.projection.max-batches-per-transaction:6}") int maxBatches,
			@Value("${status.projection.timeout:2m}") Duration timeout) {
		if (writers < 1 || maxBatches < 1) {
			throw new IllegalArgumentException("status.projection.writers and .max-batches-per-transaction must be"
					+ " at least 1, got " + writers + " and " + maxBatches);
		}
		DistributionSummary groups = DistributionSummary.builder("status.projection.group.batches")
			.description("Listener batches applied in one transaction")
			.register(registry);
		this.writer = new GroupCommit<>("status-projection-writer", writers, maxBatches, timeout,
				(batches) -> apply(projector, batches), (failure) -> !databaseUnavailable(failure), groups::record);
	}

	/**
	 * Applies a batch together with whatever the other consumers hand over meanwhile.
	 * @param events the batch's events
	 * @throws RuntimeException if it could not be applied (the listener then fails and
	 * its batch is redelivered)
	 */
	void apply(List<? extends OrderEvent> events) {
		if (!events.isEmpty()) {
			this.writer.submit(events);
		}
	}

	@Override
	public void destroy() {
		this.writer.close();
	}

	private static List<Boolean> apply(OrderProjector projector, List<List<? extends OrderEvent>> batches) {
		List<OrderEvent> events;
		if (batches.size() == 1) {
			events = Collections.unmodifiableList(batches.get(0));
		}
		else {
			events = new ArrayList<>(batches.stream().mapToInt(List::size).sum());
			batches.forEach(events::addAll);
		}
		projector.project(events);
		return Collections.nCopies(batches.size(), Boolean.TRUE);
	}

	private static boolean databaseUnavailable(RuntimeException failure) {
		return failure instanceof TransientDataAccessException || failure instanceof DataAccessResourceFailureException
				|| failure instanceof RecoverableDataAccessException
				|| failure instanceof CannotCreateTransactionException || failure instanceof TransactionSystemException;
	}

}
