package dev.dbaas.pipeline.provisioner.provisioning;

import java.time.Duration;
import java.util.Objects;

/**
 * How transient step errors are retried: exponential backoff, a bounded number of times.
 *
 * @param maxRetries retries per step after the first attempt, 0 or more
 * @param initialBackoff wait before the first retry, positive
 * @param multiplier growth of the wait per retry, at least 1
 * @param maxBackoff upper bound of one wait, at least {@code initialBackoff}
 */
public record RetryPolicy(int maxRetries, Duration initialBackoff, double multiplier, Duration maxBackoff) {

	public RetryPolicy {
		Objects.requireNonNull(initialBackoff, "initialBackoff");
		Objects.requireNonNull(maxBackoff, "maxBackoff");
		if (maxRetries < 0) {
			throw new IllegalArgumentException("maxRetries must not be negative, got " + maxRetries);
		}
		if (initialBackoff.isNegative() || initialBackoff.isZero()) {
			throw new IllegalArgumentException("initialBackoff must be positive, got " + initialBackoff);
		}
		if (!(multiplier >= 1.0)) {
			throw new IllegalArgumentException("multiplier must be at least 1, got " + multiplier);
		}
		if (maxBackoff.compareTo(initialBackoff) < 0) {
			throw new IllegalArgumentException(
					"maxBackoff " + maxBackoff + " is below initialBackoff " + initialBackoff);
		}
	}

	/**
	 * Whether another retry is allowed after {@code failedAttempts} transient failures.
	 * @param failedAttempts transient failures of the step so far, including the latest
	 * @return {@code true} if the step may run again
	 */
	public boolean allowsRetryAfter(int failedAttempts) {
		return failedAttempts <= this.maxRetries;
	}

	/**
	 * The wait before the next attempt.
	 * @param failedAttempts transient failures of the step so far, at least 1
	 * @return {@code initialBackoff * multiplier^(failedAttempts-1)}, capped at
	 * {@code maxBackoff}
	 */
	public Duration backoffAfter(int failedAttempts) {
		double millis = this.initialBackoff.toMillis() * Math.pow(this.multiplier, Math.max(0, failedAttempts - 1));
		return (millis >= this.maxBackoff.toMillis()) ? this.maxBackoff : Duration.ofMillis((long) millis);
	}

}
