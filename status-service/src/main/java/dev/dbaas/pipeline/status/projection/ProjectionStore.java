package dev.dbaas.pipeline.status.projection;

import java.time.Instant;
import java.util.Collection;
import java.util.Set;

import dev.dbaas.pipeline.status.order.EventId;
import dev.dbaas.pipeline.status.order.ProjectedOrder;

/**
 * Where the view is kept. Both writes must run in the caller's transaction, so that the
 * remembered event ids and the changes they caused commit together.
 */
public interface ProjectionStore {

	/**
	 * Remembers event ids as applied.
	 * @param eventIds distinct event ids
	 * @return those that were not remembered before, i.e. the events still to apply
	 */
	Set<EventId> remember(Collection<EventId> eventIds);

	/**
	 * Merges projections into the stored view with the same join as
	 * {@link ProjectedOrder#mergedWith(ProjectedOrder)}.
	 * @param projections at most one per order
	 */
	void merge(Collection<ProjectedOrder> projections);

	/**
	 * Forgets event ids remembered before a time. Safe because applying an event again
	 * changes nothing (the merge is idempotent); only the count of applied events would
	 * be off for an event redelivered after that long.
	 * @param before remembered before this time
	 * @return how many ids were forgotten
	 */
	int forgetProcessedBefore(Instant before);

	/**
	 * Empties the view and forgets every applied event, before a rebuild.
	 */
	void clear();

}
