package dev.dbaas.pipeline.intake.web;

import java.net.URI;
import java.util.Arrays;
import java.util.Locale;

import dev.dbaas.pipeline.contract.http.ProblemKind;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * Every kind of error the API answers with, each with a stable {@code type} URI (RFC
 * 9457). Clients switch on the URI, never on {@code title} or {@code detail}. Each is a
 * {@link ProblemKind} of the pipeline's shared vocabulary; this enum names the ones this
 * API answers with and tags its rejection metrics.
 */
public enum ProblemType {

	/** Not JSON, wrong JSON types, unknown or server-assigned fields. */
	MALFORMED_REQUEST(ProblemKind.MALFORMED_REQUEST),

	/** Well-formed, but breaks catalog rules. */
	INVALID_ORDER(ProblemKind.INVALID_ORDER),

	/** No {@code Idempotency-Key} header. */
	MISSING_IDEMPOTENCY_KEY(ProblemKind.MISSING_IDEMPOTENCY_KEY),

	/**
	 * An {@code Idempotency-Key} header that is not 1 to 255 visible ASCII characters.
	 */
	INVALID_IDEMPOTENCY_KEY(ProblemKind.INVALID_IDEMPOTENCY_KEY),

	/** The key was used before with a different request body. */
	IDEMPOTENCY_KEY_REUSED(ProblemKind.IDEMPOTENCY_KEY_REUSED),

	/** A request with the same key is still being processed. */
	IDEMPOTENCY_KEY_IN_USE(ProblemKind.IDEMPOTENCY_KEY_IN_USE),

	/** The body is larger than the limit. */
	PAYLOAD_TOO_LARGE(ProblemKind.PAYLOAD_TOO_LARGE),

	/** The body is not {@code application/json}. */
	UNSUPPORTED_MEDIA_TYPE(ProblemKind.UNSUPPORTED_MEDIA_TYPE),

	/** The client accepts no representation we can produce. */
	NOT_ACCEPTABLE(ProblemKind.NOT_ACCEPTABLE),

	/** Wrong HTTP method. */
	METHOD_NOT_ALLOWED(ProblemKind.METHOD_NOT_ALLOWED),

	/** No valid bearer token (written by the shared security chain). */
	UNAUTHORIZED(ProblemKind.UNAUTHORIZED),

	/**
	 * The token does not allow this request: a missing scope, or a customer token placing
	 * an order for another customer.
	 */
	FORBIDDEN(ProblemKind.FORBIDDEN),

	/**
	 * The client sent more orders than its rate limit allows; retry after Retry-After.
	 */
	TOO_MANY_REQUESTS(ProblemKind.TOO_MANY_REQUESTS),

	/** No such resource. */
	NOT_FOUND(ProblemKind.NOT_FOUND),

	/** No such instance, or another customer's (the same answer). */
	INSTANCE_NOT_FOUND(ProblemKind.INSTANCE_NOT_FOUND),

	/** Another order of the instance is not terminal yet. */
	INSTANCE_BUSY(ProblemKind.INSTANCE_BUSY),

	/** The instance is FAILED or DELETED. */
	INSTANCE_NOT_CHANGEABLE(ProblemKind.INSTANCE_NOT_CHANGEABLE),

	/** A DELETE of an instance whose deletion protection is on. */
	DELETION_PROTECTED(ProblemKind.DELETION_PROTECTED),

	/** {@code If-Match} is not the instance's current ETag. */
	PRECONDITION_FAILED(ProblemKind.PRECONDITION_FAILED),

	/** Another malformed request (e.g. a bad header or parameter). */
	BAD_REQUEST(ProblemKind.BAD_REQUEST),

	/**
	 * PostgreSQL is unreachable: nothing was accepted; retry after {@code Retry-After}.
	 */
	SERVICE_UNAVAILABLE(ProblemKind.SERVICE_UNAVAILABLE),

	/** A bug on our side. */
	INTERNAL_ERROR(ProblemKind.INTERNAL_ERROR);

	/** Where the problem types live; the kind follows. */
	public static final String BASE_URI = ProblemKind.BASE_URI;

	private final ProblemKind kind;

	ProblemType(ProblemKind kind) {
		this.kind = kind;
	}

	/**
	 * The kind of the pipeline's shared vocabulary this type is.
	 * @return the kind
	 */
	public ProblemKind kind() {
		return this.kind;
	}

	public URI uri() {
		return this.kind.uri();
	}

	public HttpStatus status() {
		return HttpStatus.valueOf(this.kind.status());
	}

	public String title() {
		return this.kind.title();
	}

	/**
	 * The tag value for {@code orders_rejected_total{reason}}.
	 * @return e.g. {@code invalid_order}
	 */
	public String reason() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * A problem of this type.
	 * @param detail what went wrong and how to fix it
	 * @return the problem
	 */
	public ProblemDetail problem(String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status(), detail);
		problem.setType(uri());
		problem.setTitle(title());
		return problem;
	}

	/**
	 * The type for a status that the framework answered with.
	 * @param status the status
	 * @return the matching generic type
	 */
	public static ProblemType forStatus(HttpStatusCode status) {
		ProblemKind kind = ProblemKind.forStatus(status.value());
		return Arrays.stream(values()).filter((type) -> type.kind == kind).findFirst().orElseThrow();
	}

}
