package dev.dbaas.pipeline.security.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import com.github.benmanes.caffeine.cache.Ticker;

/**
 * Time a test moves by hand: a wall clock (what {@code exp} is checked against) and a
 * ticker (what the cache ages entries by), which move together unless the wall clock
 * jumps on its own. Starts at the real now, since the test issuer signs tokens with the
 * real clock. Not thread-safe.
 */
final class AdjustableTime extends Clock implements Ticker {

	private Instant wallClock = Instant.now();

	private long nanos = 1_000_000_000L;

	/**
	 * Moves both clocks.
	 * @param duration how far
	 */
	void advance(Duration duration) {
		this.wallClock = this.wallClock.plus(duration);
		this.nanos += duration.toNanos();
	}

	/**
	 * Moves the wall clock only, as a time correction does.
	 * @param duration how far
	 */
	void jumpWallClock(Duration duration) {
		this.wallClock = this.wallClock.plus(duration);
	}

	@Override
	public Instant instant() {
		return this.wallClock;
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		throw new UnsupportedOperationException("UTC only");
	}

	@Override
	public long read() {
		return this.nanos;
	}

}
