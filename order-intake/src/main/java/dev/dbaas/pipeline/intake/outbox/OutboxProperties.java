package dev.dbaas.pipeline.intake.outbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Tuning of the outbox relay, {@code intake.outbox.*}.
 *
 * @param relayEnabled whether this instance relays at all
 * @param batchSize most rows claimed per transaction
 * @param pollInterval fallback poll when no commit signalled new rows (e.g. rows written
 * by another instance)
 * @param maxBackoff longest pause after a failed batch (Kafka or PostgreSQL down)
 * @param sendTimeout how long a batch waits for Kafka's acknowledgements
 * @param publishedRetention how long published rows are kept before clean-up
 * @param cleanupInterval pause between clean-ups of published rows
 */
@ConfigurationProperties("intake.outbox")
public record OutboxProperties(boolean relayEnabled, int batchSize, Duration pollInterval, Duration maxBackoff,
		Duration sendTimeout, Duration publishedRetention, Duration cleanupInterval) {

	public OutboxProperties {
		if (batchSize < 1) {
			throw new IllegalArgumentException("intake.outbox.batch-size must be at least 1, got " + batchSize);
		}
		requirePositive("poll-interval", pollInterval);
		requirePositive("max-backoff", maxBackoff);
		requirePositive("send-timeout", sendTimeout);
		requirePositive("published-retention", publishedRetention);
		requirePositive("cleanup-interval", cleanupInterval);
	}

	private static void requirePositive(String name, Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException("intake.outbox." + name + " must be positive, got " + value);
		}
	}

}
