package dev.dbaas.pipeline.intake.order.web;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.dbaas.pipeline.intake.order.OrderId;
import dev.dbaas.pipeline.intake.order.OrderStatus;
import dev.dbaas.pipeline.intake.order.OrderType;
import dev.dbaas.pipeline.intake.order.Violation;
import dev.dbaas.pipeline.intake.order.application.Placement;
import dev.dbaas.pipeline.intake.web.Overloads;
import dev.dbaas.pipeline.intake.web.ProblemType;
import dev.dbaas.pipeline.intake.web.Rejections;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Builds the responses of {@code POST /v1/orders}: 202 with the status URL of the
 * status-service, or a problem. One response per {@link Placement}, nothing decided here.
 */
@Component
class OrderResponses {

	static final String REPLAYED = "Idempotent-Replayed";

	/**
	 * Most errors listed in one answer; a body full of junk fields gets a summary count.
	 */
	static final int MAX_ERRORS = 100;

	private final String statusBaseUrl;

	OrderResponses(@Value("${intake.status-base-url}") String statusBaseUrl) {
		this.statusBaseUrl = statusBaseUrl.endsWith("/") ? statusBaseUrl.substring(0, statusBaseUrl.length() - 1)
				: statusBaseUrl;
	}

	ResponseEntity<?> of(Placement placement, HttpServletRequest request) {
		if (placement instanceof Placement.Accepted accepted) {
			return accepted(accepted);
		}
		if (placement instanceof Placement.MissingIdempotencyKey) {
			return problem(ProblemType.MISSING_IDEMPOTENCY_KEY,
					"Send an Idempotency-Key header (1 to 255 visible "
							+ "ASCII characters, e.g. a UUID) so that the order can be retried safely.",
					List.of(), request);
		}
		if (placement instanceof Placement.InvalidIdempotencyKey) {
			return problem(ProblemType.INVALID_IDEMPOTENCY_KEY,
					"The Idempotency-Key header must be 1 to 255 visible ASCII characters without spaces, e.g. a UUID.",
					List.of(), request);
		}
		if (placement instanceof Placement.UnreadableBody unreadable) {
			return problem(ProblemType.MALFORMED_REQUEST, unreadable.reason(), List.of(), request);
		}
		if (placement instanceof Placement.ForeignCustomer) {
			return problem(ProblemType.FORBIDDEN,
					"This token places orders for its own customer only; " + "customerId must be the token's customer.",
					List.of(), request);
		}
		if (placement instanceof Placement.MalformedBody malformed) {
			return problem(ProblemType.MALFORMED_REQUEST,
					"The request has fields of the wrong type or that do not belong to an order; see errors.",
					malformed.problems(), request);
		}
		if (placement instanceof Placement.Rejected rejected) {
			return problem(ProblemType.INVALID_ORDER,
					"The order breaks " + rejected.violations().size() + " catalog rule(s); see errors.",
					rejected.violations(), request);
		}
		if (placement instanceof Placement.Overloaded overloaded) {
			return Overloads.problem(overloaded.overload(), request);
		}
		if (placement instanceof Placement.KeyReusedForDifferentOrder) {
			return problem(ProblemType.IDEMPOTENCY_KEY_REUSED, "This Idempotency-Key was already used for a different "
					+ "order of this customer. Use a new key for a new order.", List.of(), request);
		}
		ResponseEntity<?> inUse = problem(ProblemType.IDEMPOTENCY_KEY_IN_USE,
				"A request with this Idempotency-Key is still being processed. Retry shortly to get its result.",
				List.of(), request);
		return ResponseEntity.status(inUse.getStatusCode())
			.headers(inUse.getHeaders())
			.header(HttpHeaders.RETRY_AFTER, "1")
			.body(inUse.getBody());
	}

	private ResponseEntity<?> accepted(Placement.Accepted accepted) {
		OrderId id = accepted.orderId();
		String statusUrl = this.statusBaseUrl + "/v1/orders/" + id;
		ResponseEntity.BodyBuilder response = ResponseEntity.status(HttpStatus.ACCEPTED)
			.location(URI.create(statusUrl));
		if (accepted.replayed()) {
			response.header(REPLAYED, "true");
		}
		return response.body(new OrderAcceptedDocument(id.toString(), accepted.instanceId().value(),
				OrderType.CREATE.name(), OrderStatus.NEW.name(), accepted.placedAt().toString(), statusUrl,
				this.statusBaseUrl + "/v1/instances/" + accepted.instanceId()));
	}

	/**
	 * Each error as {@code {pointer, detail, code}}, the code only where the rule has
	 * one.
	 */
	private static List<Map<String, String>> documents(List<Violation> errors) {
		return errors.stream().map((error) -> {
			Map<String, String> document = new LinkedHashMap<>();
			document.put("pointer", error.pointer());
			document.put("detail", error.detail());
			if (error.code() != null) {
				document.put("code", error.code());
			}
			return document;
		}).toList();
	}

	private static ResponseEntity<?> problem(ProblemType type, String detail, List<Violation> errors,
			HttpServletRequest request) {
		Rejections.mark(request, type);
		ProblemDetail problem = type.problem(detail);
		problem.setInstance(URI.create(request.getRequestURI()));
		if (errors.size() > MAX_ERRORS) {
			problem.setProperty("errors", documents(errors.subList(0, MAX_ERRORS)));
			problem.setProperty("errorsNotShown", errors.size() - MAX_ERRORS);
		}
		else if (!errors.isEmpty()) {
			problem.setProperty("errors", documents(errors));
		}
		return ResponseEntity.status(type.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

}
