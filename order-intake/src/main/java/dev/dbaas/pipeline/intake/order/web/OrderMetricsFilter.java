package dev.dbaas.pipeline.intake.order.web;

import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;

import dev.dbaas.pipeline.intake.web.ProblemType;
import dev.dbaas.pipeline.intake.web.Rejections;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Counts the outcome of every {@code POST /v1/orders}: {@code orders_accepted_total},
 * {@code orders_replayed_total} and {@code orders_rejected_total{reason}}, the reason
 * being the problem type of the answer. Runs outside every other filter, so that a 413
 * from the size limit is counted too.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class OrderMetricsFilter extends OncePerRequestFilter {

	private final Counter accepted;

	private final Counter replayed;

	private final Map<ProblemType, Counter> rejected = new EnumMap<>(ProblemType.class);

	OrderMetricsFilter(MeterRegistry registry) {
		this.accepted = Counter.builder("orders.accepted")
			.description("Orders accepted (202), not counting replays")
			.register(registry);
		this.replayed = Counter.builder("orders.replayed")
			.description("Retries answered by replaying an earlier 202")
			.register(registry);
		for (ProblemType type : ProblemType.values()) {
			this.rejected.put(type,
					Counter.builder("orders.rejected")
						.description("Order requests answered with a problem, by problem type")
						.tag("reason", type.reason())
						.register(registry));
		}
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !("POST".equals(request.getMethod()) && "/v1/orders".equals(request.getRequestURI()));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		finally {
			count(request, response);
		}
	}

	private void count(HttpServletRequest request, HttpServletResponse response) {
		int status = response.getStatus();
		if (status == 202) {
			("true".equals(response.getHeader(OrderResponses.REPLAYED)) ? this.replayed : this.accepted).increment();
			return;
		}
		Object type = request.getAttribute(Rejections.ATTRIBUTE);
		ProblemType reason = (type instanceof ProblemType problemType) ? problemType
				: ProblemType.forStatus(HttpStatusCode.valueOf(status));
		this.rejected.get(reason).increment();
	}

}
