package dev.dbaas.pipeline.bench;

import java.util.OptionalInt;

/**
 * Which fixed rate the capacity scenario tries next: from a start rate, doubling while
 * each step is sustained (halving while none is), then bisecting between the highest
 * sustained rate and the lowest one that was not, until the two are within
 * {@value #RESOLUTION_PERCENT} % (at least {@value #MIN_GAP} orders/s) of each other, the
 * maximum is sustained, or the steps run out.
 *
 * <p>
 * Not thread-safe; one search per scenario.
 */
final class CapacitySearch {

	/** The search stops once the gap is at most this share of the sustained rate. */
	static final int RESOLUTION_PERCENT = 10;

	/** ... or at most this many orders per second. */
	static final int MIN_GAP = 10;

	/**
	 * No step below this rate: a stack that cannot hold it has no capacity to speak of.
	 */
	static final int MIN_RATE = 5;

	private final int start;

	private final int max;

	private int stepsLeft;

	/** Highest sustained rate so far, {@code 0} if none. */
	private int sustained;

	/** Lowest rate not sustained so far, {@link Integer#MAX_VALUE} if none. */
	private int notSustained = Integer.MAX_VALUE;

	/**
	 * @param start the first rate
	 * @param max no rate above this
	 * @param steps at most this many steps
	 */
	CapacitySearch(int start, int max, int steps) {
		if (start < 1 || max < start || steps < 1) {
			throw new IllegalArgumentException(
					"Need 1 <= start <= max and steps >= 1, got " + start + ", " + max + ", " + steps);
		}
		this.start = start;
		this.max = max;
		this.stepsLeft = steps;
	}

	/**
	 * The rate of the next step.
	 * @return the rate, or empty when the search is over
	 */
	OptionalInt next() {
		if (this.stepsLeft <= 0) {
			return OptionalInt.empty();
		}
		if (this.notSustained == Integer.MAX_VALUE) {
			if (this.sustained == 0) {
				return OptionalInt.of(this.start);
			}
			return (this.sustained >= this.max) ? OptionalInt.empty()
					: OptionalInt.of(Math.min(this.max, 2 * this.sustained));
		}
		if (this.sustained == 0) {
			int lower = this.notSustained / 2;
			return (lower < MIN_RATE) ? OptionalInt.empty() : OptionalInt.of(lower);
		}
		int gap = this.notSustained - this.sustained;
		if (gap <= Math.max(MIN_GAP, this.sustained * RESOLUTION_PERCENT / 100)) {
			return OptionalInt.empty();
		}
		return OptionalInt.of(this.sustained + gap / 2);
	}

	/**
	 * Records the outcome of a step.
	 * @param rate its rate
	 * @param held whether it was sustained
	 */
	void record(int rate, boolean held) {
		this.stepsLeft--;
		if (held) {
			this.sustained = Math.max(this.sustained, rate);
		}
		else {
			this.notSustained = Math.min(this.notSustained, rate);
		}
	}

	/**
	 * The capacity found.
	 * @return the highest sustained rate, {@code 0} if none was
	 */
	int capacity() {
		return this.sustained;
	}

	/**
	 * The lowest rate that was not sustained.
	 * @return the rate, or empty if every step was sustained
	 */
	OptionalInt firstNotSustained() {
		return (this.notSustained == Integer.MAX_VALUE) ? OptionalInt.empty() : OptionalInt.of(this.notSustained);
	}

}
