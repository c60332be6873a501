package dev.dbaas.pipeline.intake.instance.web;

import java.io.IOException;
import java.util.Locale;
import java.util.regex.Pattern;

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
 * Counts the outcome of every {@code POST /v1/instances/{instanceId}/orders} in
 * {@code intake_instance_orders_total{type,outcome}}: {@code type} is {@code update},
 * {@code delete} or {@code unknown} (the body named none that could be read), and
 * {@code outcome} is {@code accepted}, {@code replayed} or the reason of the problem
 * answered (e.g. {@code instance_busy}). Runs outside every other filter, so that a 413
 * from the size limit is counted too.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class InstanceOrderMetricsFilter extends OncePerRequestFilter {

	private static final Pattern PATH = Pattern.compile("/v1/instances/[^/]+/orders");

	private final MeterRegistry registry;

	InstanceOrderMetricsFilter(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !("POST".equals(request.getMethod()) && PATH.matcher(request.getRequestURI()).matches());
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
		Object type = request.getAttribute(InstanceOrderController.TYPE);
		String typeTag = (type != null) ? type.toString().toLowerCase(Locale.ROOT) : "unknown";
		String outcome;
		if (response.getStatus() == 202) {
			outcome = "true".equals(response.getHeader(ChangeOrderResponses.REPLAYED)) ? "replayed" : "accepted";
		}
		else {
			Object marked = request.getAttribute(Rejections.ATTRIBUTE);
			ProblemType reason = (marked instanceof ProblemType problemType) ? problemType
					: ProblemType.forStatus(HttpStatusCode.valueOf(response.getStatus()));
			outcome = reason.reason();
		}
		Counter.builder("intake.instance.orders")
			.description("Change orders (UPDATE, DELETE) by type and outcome: accepted, replayed or the problem")
			.tag("type", typeTag)
			.tag("outcome", outcome)
			.register(this.registry)
			.increment();
	}

}
