package dev.dbaas.pipeline.intake.admission;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code intake.admission.*}: how many orders may be in flight (accepted, not yet
 * terminal) before new ones are refused with 503, and how fresh that count is.
 *
 * @param maxOrdersInFlight the bound; {@code 0} for none (nothing is counted then)
 * @param refreshInterval how often the count is read from the database
 * @param retryAfter what a refused client is told to wait ({@code Retry-After}, whole
 * seconds, at least 1)
 */
@ConfigurationProperties("intake.admission")
public record AdmissionProperties(long maxOrdersInFlight, Duration refreshInterval, Duration retryAfter) {

	public AdmissionProperties {
		if (maxOrdersInFlight < 0) {
			throw new IllegalArgumentException(
					"intake.admission.max-orders-in-flight must not be negative, got " + maxOrdersInFlight);
		}
		if (refreshInterval == null || refreshInterval.isNegative() || refreshInterval.isZero()) {
			throw new IllegalArgumentException("intake.admission.refresh-interval must be positive");
		}
		if (retryAfter == null || retryAfter.isNegative()) {
			throw new IllegalArgumentException("intake.admission.retry-after must not be negative");
		}
	}

	/**
	 * Whether orders in flight are bounded at all.
	 * @return {@code false} when {@code maxOrdersInFlight} is 0
	 */
	public boolean bounded() {
		return this.maxOrdersInFlight > 0;
	}

}
