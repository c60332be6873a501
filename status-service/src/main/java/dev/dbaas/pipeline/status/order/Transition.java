package dev.dbaas.pipeline.status.order;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One move of an order's status, as one event reported it: a status, for PROCESSING
 * usually the provisioning step, and for FAILED the failure.
 *
 * <p>
 * Two orders matter. {@link #supersedes(Transition) Precedence} decides the current
 * status: a higher status rank wins, then a higher sequence, then the higher event id, so
 * that a terminal status never regresses and the winner does not depend on arrival order.
 * {@link #CHRONOLOGICAL} orders the history: by sequence, time, then event id.
 *
 * @param status the status moved to
 * @param step provisioning step the event reports on, or {@code null}
 * @param sequence per-order sequence of the status event, or {@link #PLACEMENT_SEQUENCE}
 * for the NEW that {@code OrderPlaced} stands for
 * @param eventId the event
 * @param at when the event occurred
 * @param failure why provisioning failed, or {@code null}
 */
public record Transition(OrderStatus status, @Nullable String step, long sequence, EventId eventId, Instant at,
		@Nullable Failure failure) {

	/** Sequence of the NEW transition an {@code OrderPlaced} stands for. */
	public static final long PLACEMENT_SEQUENCE = -1;

	/** History order: sequence, then time, then event id. */
	public static final Comparator<Transition> CHRONOLOGICAL = Comparator.comparingLong(Transition::sequence)
		.thenComparing(Transition::at)
		.thenComparing(Transition::eventId);

	private static final Comparator<Transition> PRECEDENCE = Comparator
		.comparingInt((Transition transition) -> transition.status().rank())
		.thenComparingLong(Transition::sequence)
		.thenComparing(Transition::eventId);

	public Transition {
		if (status == null || eventId == null || at == null) {
			throw new InvalidOrderEventException("a transition needs a status, an event id and a time");
		}
		step = Text.optional("step", step, 100);
		if (sequence < PLACEMENT_SEQUENCE) {
			throw new InvalidOrderEventException("sequence must not be negative, got " + sequence);
		}
		if (sequence == PLACEMENT_SEQUENCE && status != OrderStatus.NEW) {
			throw new InvalidOrderEventException("only a placement has no sequence");
		}
	}

	/**
	 * Whether this transition, rather than the other, sets the current status.
	 * @param other another transition of the same order
	 * @return {@code true} if this one wins
	 */
	public boolean supersedes(Transition other) {
		return PRECEDENCE.compare(this, other) > 0;
	}

	/**
	 * What makes a transition distinct in the history: its status and step.
	 * @return the key
	 */
	public Key key() {
		return new Key(this.status, this.step);
	}

	/**
	 * The history keeps one transition per status and step.
	 *
	 * @param status the status
	 * @param step the step, or {@code null}
	 */
	public record Key(OrderStatus status, @Nullable String step) {

		public Key {
			Objects.requireNonNull(status, "status");
		}

	}

}
