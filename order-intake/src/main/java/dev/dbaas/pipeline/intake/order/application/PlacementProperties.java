package dev.dbaas.pipeline.intake.order.application;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How orders are written: concurrent requests share transactions (group commit, see
 * {@link dev.dbaas.pipeline.contract.jdbc.GroupCommit}).
 *
 * @param writers how many groups may be written at the same time (threads, and pooled
 * connections they use)
 * @param maxGroupSize the most orders in one transaction
 * @param maxQueued the most orders that may wait for a writer; past it a create is
 * answered 503 with {@code Retry-After} at once instead of waiting (decision 0046);
 * {@code 0} for no bound
 * @param timeout how long a request waits for its order to be written before it answers
 * 503 (the order may still be written: a retry with the same idempotency key then replays
 * it)
 */
@ConfigurationProperties("intake.placement")
public record PlacementProperties(int writers, int maxGroupSize, int maxQueued, Duration timeout) {

	public PlacementProperties {
		if (writers < 1) {
			throw new IllegalArgumentException("intake.placement.writers must be at least 1, got " + writers);
		}
		if (maxGroupSize < 1) {
			throw new IllegalArgumentException(
					"intake.placement.max-group-size must be at least 1, got " + maxGroupSize);
		}
		if (maxQueued < 0) {
			throw new IllegalArgumentException("intake.placement.max-queued must not be negative, got " + maxQueued);
		}
		if (timeout == null || timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("intake.placement.timeout must be positive");
		}
	}

}
