package dev.dbaas.pipeline.intake.instance;

import java.util.Objects;

import dev.dbaas.pipeline.intake.order.OrderId;
import org.jspecify.annotations.Nullable;

/**
 * An order reached a terminal status: what the status topic says about it, as far as
 * instances care.
 *
 * @param orderId the order
 * @param outcome its terminal status
 * @param instanceUsable on a failed change: whether the instance still serves with its
 * settings from before; {@code null} when not said
 * @param traceId the trace of the status event (the order's trace), for the log line of
 * the settlement; {@code null} when the record carried none
 */
public record Settlement(OrderId orderId, Outcome outcome, @Nullable Boolean instanceUsable, @Nullable String traceId) {

	public Settlement {
		Objects.requireNonNull(orderId, "orderId");
		Objects.requireNonNull(outcome, "outcome");
	}

	/**
	 * A settlement without a trace.
	 * @param orderId the order
	 * @param outcome its terminal status
	 * @param instanceUsable on a failed change: whether the instance still serves
	 */
	public Settlement(OrderId orderId, Outcome outcome, @Nullable Boolean instanceUsable) {
		this(orderId, outcome, instanceUsable, null);
	}

	/**
	 * The terminal statuses.
	 */
	public enum Outcome {

		/** The backend observed the order applied. */
		DONE,

		/** The order could not be applied. */
		FAILED,

		/** A create stopped by a DELETE of its instance. */
		CANCELLED

	}

}
