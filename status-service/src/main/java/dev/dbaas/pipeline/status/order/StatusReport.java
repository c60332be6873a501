package dev.dbaas.pipeline.status.order;

import org.jspecify.annotations.Nullable;

/**
 * What a status event says besides the status: the order's type, and on a terminal status
 * whether the instance still serves and which settings the backend observed. The view
 * keeps the report of the {@link Transition#supersedes(Transition) winning} status event.
 *
 * @param orderType the order's type, or {@code null} in events written before change
 * orders existed (creates)
 * @param instanceUsable on FAILED of an UPDATE or DELETE: whether the instance still
 * serves with its settings from before the order; otherwise {@code null}
 * @param observed on DONE of a CREATE or UPDATE: the settings read back from the
 * instance; otherwise {@code null}
 */
public record StatusReport(@Nullable OrderType orderType, @Nullable Boolean instanceUsable,
		@Nullable ObservedSettings observed) {

	/** A report of an event that said nothing besides its status. */
	public static final StatusReport NONE = new StatusReport(null, null, null);

}
