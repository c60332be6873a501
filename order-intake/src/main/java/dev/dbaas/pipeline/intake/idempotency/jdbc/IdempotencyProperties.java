package dev.dbaas.pipeline.intake.idempotency.jdbc;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long idempotency keys are kept, and how often expired ones are removed.
 *
 * @param retention how long a key answers retries; at least 24 hours
 * @param cleanupInterval pause between two runs of the clean-up
 */
@ConfigurationProperties("intake.idempotency")
public record IdempotencyProperties(Duration retention, Duration cleanupInterval) {

	/** The shortest retention allowed: clients retry for up to a day. */
	public static final Duration MIN_RETENTION = Duration.ofHours(24);

	public IdempotencyProperties {
		if (retention == null || retention.compareTo(MIN_RETENTION) < 0) {
			throw new IllegalArgumentException(
					"intake.idempotency.retention must be at least " + MIN_RETENTION + ", got " + retention);
		}
		if (cleanupInterval == null || cleanupInterval.isNegative() || cleanupInterval.isZero()) {
			throw new IllegalArgumentException("intake.idempotency.cleanup-interval must be positive");
		}
	}

}
