package dev.dbaas.pipeline.intake.instance.web;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.dbaas.pipeline.intake.instance.Precondition;
import dev.dbaas.pipeline.intake.instance.application.ChangePlacement;
import dev.dbaas.pipeline.intake.order.OrderStatus;
import dev.dbaas.pipeline.intake.order.Violation;
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
 * Builds the responses of {@code POST /v1/instances/{instanceId}/orders}: 202 with the
 * status URL and the instance's new ETag, or a problem of the pipeline's one vocabulary
 * with the extension members of docs/lifecycle.md. One response per
 * {@link ChangePlacement}, nothing decided here.
 */
@Component
class ChangeOrderResponses {

	static final String REPLAYED = "Idempotent-Replayed";

	private static final int MAX_ERRORS = 100;

	private final String statusBaseUrl;

	ChangeOrderResponses(@Value("${intake.status-base-url}") String statusBaseUrl) {
		this.statusBaseUrl = statusBaseUrl.endsWith("/") ? statusBaseUrl.substring(0, statusBaseUrl.length() - 1)
				: statusBaseUrl;
	}

	ResponseEntity<?> of(ChangePlacement placement, HttpServletRequest request) {
		if (placement instanceof ChangePlacement.Accepted accepted) {
			return accepted(accepted);
		}
		if (placement instanceof ChangePlacement.MissingIdempotencyKey missing) {
			return problem(ProblemType.MISSING_IDEMPOTENCY_KEY,
					"Send an Idempotency-Key header (1 to 255 visible ASCII characters, e.g. a UUID) so that the "
							+ "order can be retried safely.",
					request)
				.build();
		}
		if (placement instanceof ChangePlacement.InvalidIdempotencyKey invalid) {
			return problem(ProblemType.INVALID_IDEMPOTENCY_KEY,
					"The Idempotency-Key header must be 1 to 255 visible ASCII characters without spaces, e.g. a UUID.",
					request)
				.build();
		}
		if (placement instanceof ChangePlacement.UnreadableBody unreadable) {
			return problem(ProblemType.MALFORMED_REQUEST, unreadable.reason(), request).build();
		}
		if (placement instanceof ChangePlacement.ForeignCustomer foreign) {
			return problem(ProblemType.FORBIDDEN,
					"This token places orders for its own customer only; customerId must be the token's customer.",
					request)
				.build();
		}
		if (placement instanceof ChangePlacement.MalformedBody malformed) {
			return problem(ProblemType.MALFORMED_REQUEST,
					"The request has fields of the wrong type or that do not belong to this order; see errors.",
					request)
				.errors(malformed.problems())
				.build();
		}
		if (placement instanceof ChangePlacement.Rejected rejected) {
			return problem(ProblemType.INVALID_ORDER,
					"The order breaks " + rejected.violations().size() + " rule(s); see errors.", request)
				.errors(rejected.violations())
				.build();
		}
		if (placement instanceof ChangePlacement.Overloaded overloaded) {
			return Overloads.problem(overloaded.overload(), request);
		}
		if (placement instanceof ChangePlacement.KeyReusedForDifferentOrder reused) {
			return problem(ProblemType.IDEMPOTENCY_KEY_REUSED,
					"This Idempotency-Key was already used for a different order of this customer. Use a new key "
							+ "for a new order.",
					request)
				.build();
		}
		if (placement instanceof ChangePlacement.KeyInUse inUse) {
			return problem(ProblemType.IDEMPOTENCY_KEY_IN_USE,
					"A request with this Idempotency-Key is still being processed. Retry shortly to get its result.",
					request)
				.header(HttpHeaders.RETRY_AFTER, "1")
				.build();
		}
		if (placement instanceof ChangePlacement.InstanceNotFound notFound) {
			return problem(ProblemType.INSTANCE_NOT_FOUND,
					"There is no instance " + safe(request) + " of this customer.", request)
				.build();
		}
		if (placement instanceof ChangePlacement.NotChangeable notChangeable) {
			return problem(ProblemType.INSTANCE_NOT_CHANGEABLE,
					"The instance is " + notChangeable.state() + ", so no order can change it.", request)
				.property("instanceState", notChangeable.state().name())
				.build();
		}
		if (placement instanceof ChangePlacement.PreconditionFailed stale) {
			return problem(ProblemType.PRECONDITION_FAILED,
					"If-Match does not name the instance's current version "
							+ Precondition.etagOf(stale.currentVersion())
							+ "; read the instance again and decide on its current settings.",
					request)
				.property("currentETag", Precondition.etagOf(stale.currentVersion()))
				.build();
		}
		if (placement instanceof ChangePlacement.Busy busy) {
			return problem(ProblemType.INSTANCE_BUSY,
					"Order " + busy.blocking().orderId() + " (" + busy.blocking().type()
							+ ") of this instance is not finished yet; place this order once it is.",
					request)
				.property("blockingOrderId", busy.blocking().orderId().toString())
				.property("blockingOrderType", busy.blocking().type().name())
				// The blocking order may already be terminal in status-service:
				// order-intake
				// reads the same status topic and settles within moments (decision 0005).
				.header(HttpHeaders.RETRY_AFTER, "1")
				.build();
		}
		// The last kind left: ChangePlacement.DeletionProtected.
		return problem(ProblemType.DELETION_PROTECTED,
				"Deletion protection is on; turn it off with an UPDATE {\"deletionProtection\": false} first.", request)
			.build();
	}

	private ResponseEntity<?> accepted(ChangePlacement.Accepted accepted) {
		String statusUrl = this.statusBaseUrl + "/v1/orders/" + accepted.orderId();
		ResponseEntity.BodyBuilder response = ResponseEntity.status(HttpStatus.ACCEPTED)
			.location(URI.create(statusUrl))
			.eTag(Precondition.etagOf(accepted.instanceVersion()));
		if (accepted.replayed()) {
			response.header(REPLAYED, "true");
		}
		return response.body(new ChangeOrderAcceptedDocument(accepted.orderId().toString(),
				accepted.instanceId().value(), accepted.type().name(), OrderStatus.NEW.name(), statusUrl,
				this.statusBaseUrl + "/v1/instances/" + accepted.instanceId()));
	}

	/** The path's instance id, only if it has the shape of one (it is echoed). */
	private static String safe(HttpServletRequest request) {
		String uri = request.getRequestURI();
		String[] segments = uri.split("/");
		String id = (segments.length > 3) ? segments[3] : "";
		return id.matches("db-[0-9a-f]{16}") ? id : "with this id";
	}

	private static Problem problem(ProblemType type, String detail, HttpServletRequest request) {
		Rejections.mark(request, type);
		ProblemDetail problem = type.problem(detail);
		problem.setInstance(URI.create(request.getRequestURI()));
		return new Problem(type, problem);
	}

	/**
	 * A problem response being built.
	 */
	private record Problem(ProblemType type, ProblemDetail detail, HttpHeaders headers) {

		Problem(ProblemType type, ProblemDetail detail) {
			this(type, detail, new HttpHeaders());
		}

		Problem property(String name, String value) {
			this.detail.setProperty(name, value);
			return this;
		}

		Problem header(String name, String value) {
			this.headers.add(name, value);
			return this;
		}

		Problem errors(List<Violation> errors) {
			List<Map<String, String>> documents = errors.stream().limit(MAX_ERRORS).map((error) -> {
				Map<String, String> document = new LinkedHashMap<>();
				document.put("pointer", error.pointer());
				document.put("detail", error.detail());
				if (error.code() != null) {
					document.put("code", error.code());
				}
				return document;
			}).toList();
			this.detail.setProperty("errors", documents);
			if (errors.size() > MAX_ERRORS) {
				this.detail.setProperty("errorsNotShown", errors.size() - MAX_ERRORS);
			}
			return this;
		}

		ResponseEntity<?> build() {
			return ResponseEntity.status(this.type.status())
				.headers(this.headers)
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.body(this.detail);
		}

	}

}
