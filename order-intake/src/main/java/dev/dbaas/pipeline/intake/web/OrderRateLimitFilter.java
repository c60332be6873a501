package dev.dbaas.pipeline.intake.web;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.dbaas.pipeline.security.Caller;
import dev.dbaas.pipeline.security.web.Callers;
import dev.dbaas.pipeline.security.web.Problems;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A per-client rate limit on {@code POST /v1/orders} and on change orders ({@code POST
 * /v1/instances/{id}/orders}) together (Resilience4j {@link RateLimiter}): a client over
 * its limit gets 429 with {@code Retry-After} before its body is read. Runs after the
 * security chain (order 0 against its -100), so only authenticated clients are counted,
 * each by {@link Caller#limitKey()}. The limiters of idle clients are dropped after a
 * while, and at most {@code intake.rate-limit.max-clients} are kept. Thread-safe.
 */
@Component
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Order(0)
class OrderRateLimitFilter extends OncePerRequestFilter {

	/** Change orders count against the same limit as creates. */
	private static final Pattern CHANGE_ORDERS = Pattern.compile("/v1/instances/[^/]+/orders");

	private final Callers callers;

	private final RateLimiterConfig config;

	private final Cache<String, RateLimiter> limiters;

	OrderRateLimitFilter(Callers callers, RateLimitProperties properties) {
		this.callers = callers;
		this.config = RateLimiterConfig.custom()
			.limitForPeriod(properties.ordersPerPeriod())
			.limitRefreshPeriod(properties.period())
			.timeoutDuration(Duration.ZERO)
			.build();
		this.limiters = Caffeine.newBuilder()
			.maximumSize(properties.maxClients())
			.expireAfterAccess(properties.period().multipliedBy(2).plusMinutes(5))
			.build();
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !("POST".equals(request.getMethod()) && ("/v1/orders".equals(request.getRequestURI())
				|| CHANGE_ORDERS.matcher(request.getRequestURI()).matches()));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Optional<Caller> caller = this.callers.current();
		if (caller.isEmpty()) {
			chain.doFilter(request, response);
			return;
		}
		RateLimiter limiter = this.limiters.get(caller.get().limitKey(), (key) -> RateLimiter.of(key, this.config));
		if (limiter.acquirePermission()) {
			chain.doFilter(request, response);
			return;
		}
		Rejections.mark(request, ProblemType.TOO_MANY_REQUESTS);
		long seconds = Math.max(1, (retryAfter(limiter).toMillis() + 999) / 1000);
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
		Problems.write(request, response, ProblemType.TOO_MANY_REQUESTS.kind(),
				"This client placed more than " + this.config.getLimitForPeriod() + " orders in "
						+ this.config.getLimitRefreshPeriod().toMillis() + " ms; retry after " + seconds
						+ " s with the same Idempotency-Key.");
	}

	private Duration retryAfter(RateLimiter limiter) {
		if (limiter instanceof AtomicRateLimiter atomic) {
			return Duration.ofNanos(atomic.getDetailedMetrics().getNanosToWait());
		}
		return this.config.getLimitRefreshPeriod();
	}

}
