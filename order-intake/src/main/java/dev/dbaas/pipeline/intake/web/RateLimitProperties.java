package dev.dbaas.pipeline.intake.web;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code intake.rate-limit.*}: how many orders one client may place. Each client (a
 * customer token counts per customer) gets {@code ordersPerPeriod} permits every
 * {@code period}; a request beyond them is answered 429 at once.
 *
 * @param ordersPerPeriod permits per period and client
 * @param period how often the permits are renewed
 * @param maxClients most clients remembered at once; the idle longest are forgotten
 */
@ConfigurationProperties("intake.rate-limit")
public record RateLimitProperties(int ordersPerPeriod, Duration period, int maxClients) {

	public RateLimitProperties {
		if (ordersPerPeriod < 1) {
			throw new IllegalArgumentException("intake.rate-limit.orders-per-period must be at least 1");
		}
		if (period.isNegative() || period.isZero()) {
			throw new IllegalArgumentException("intake.rate-limit.period must be positive");
		}
	}

}
