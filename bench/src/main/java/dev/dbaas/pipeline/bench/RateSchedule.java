package dev.dbaas.pipeline.bench;

import java.time.Duration;

/**
 * When each request of an open-model run is meant to be sent: a constant arrival rate
 * from a start instant, whatever the answers do. Latency is measured from these intended
 * times, as wrk2 does, so that a stall of the system under test shows up in the figures
 * instead of slowing the load down (no coordinated omission).
 *
 * @param startNanos {@link System#nanoTime()} of the first intended send
 * @param perSecond requests per second, greater than zero
 */
public record RateSchedule(long startNanos, double perSecond) {

	public RateSchedule {
		if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
			throw new IllegalArgumentException("Rate must be a positive number, got " + perSecond);
		}
	}

	/**
	 * The intended send time of request {@code n}.
	 * @param n zero-based request number
	 * @return nanoTime at which request {@code n} is due
	 */
	public long intendedNanos(long n) {
		return this.startNanos + Math.round(n * 1e9 / this.perSecond);
	}

	/**
	 * How many requests fall into a run of the given length.
	 * @param duration the run's length
	 * @return number of requests due strictly before the end of the run
	 */
	public long requestsWithin(Duration duration) {
		return (long) Math.ceil(duration.toNanos() / 1e9 * this.perSecond - 1e-9);
	}

}
