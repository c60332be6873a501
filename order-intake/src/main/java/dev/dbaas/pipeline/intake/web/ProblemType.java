package dev.dbaas.pipeline.intake.web;

import java.net.URI;
import java.util.Arrays;
import java.util.Locale;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * Every kind of error the API answers with, each with a stable {@code type} URI (RFC
 * 9457). Clients switch on the URI, never on {@code title} or {@code detail}.
 */
public enum ProblemType {

	/** Not JSON, wrong JSON types, unknown or server-assigned fields. */
	MALFORMED_REQUEST("malformed-request", HttpStatus.BAD_REQUEST, "The request is malformed"),

	/** Well-formed, but breaks catalog rules. */
	INVALID_ORDER("invalid-order", HttpStatus.UNPROCESSABLE_CONTENT, "The order breaks catalog rules"),

	/** No {@code Idempotency-Key} header. */
	MISSING_IDEMPOTENCY_KEY("missing-idempotency-key", HttpStatus.BAD_REQUEST, "Idempotency-Key header missing"),

	/**
	 * An {@code Idempotency-Key} header that is not 1 to 255 visible ASCII characters.
	 */
	INVALID_IDEMPOTENCY_KEY("invalid-idempotency-key", HttpStatus.BAD_REQUEST, "Idempotency-Key header invalid"),

	/** The key was used before with a different request body. */
	IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", HttpStatus.UNPROCESSABLE_CONTENT,
			"Idempotency-Key already used for a different order"),

	/** A request with the same key is still being processed. */
	IDEMPOTENCY_KEY_IN_USE("idempotency-key-in-use", HttpStatus.CONFLICT,
			"A request with this Idempotency-Key is in progress"),

	/** The body is larger than the limit. */
	PAYLOAD_TOO_LARGE("payload-too-large", HttpStatus.CONTENT_TOO_LARGE, "Request body too large"),

	/** The body is not {@code application/json}. */
	UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),

	/** The client accepts no representation we can produce. */
	NOT_ACCEPTABLE("not-acceptable", HttpStatus.NOT_ACCEPTABLE, "Not acceptable"),

	/** Wrong HTTP method. */
	METHOD_NOT_ALLOWED("method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),

	/** No valid bearer token (written by the shared security chain). */
	UNAUTHORIZED("unauthorized", HttpStatus.UNAUTHORIZED, "Authentication required"),

	/**
	 * The token does not allow this request: a missing scope, or a customer token placing
	 * an order for another customer.
	 */
	FORBIDDEN("forbidden", HttpStatus.FORBIDDEN, "Not allowed"),

	/**
	 * The client sent more orders than its rate limit allows; retry after Retry-After.
	 */
	TOO_MANY_REQUESTS("too-many-requests", HttpStatus.TOO_MANY_REQUESTS, "Too many requests"),

	/** No such resource. */
	NOT_FOUND("not-found", HttpStatus.NOT_FOUND, "Not found"),

	/** Another malformed request (e.g. a bad header or parameter). */
	BAD_REQUEST("bad-request", HttpStatus.BAD_REQUEST, "Bad request"),

	/**
	 * PostgreSQL is unreachable: nothing was accepted; retry after {@code Retry-After}.
	 */
	SERVICE_UNAVAILABLE("service-unavailable", HttpStatus.SERVICE_UNAVAILABLE, "Service temporarily unavailable"),

	/** A bug on our side. */
	INTERNAL_ERROR("internal-error", HttpStatus.INTERNAL_SERVER_ERROR, "Internal error");

	/** Where the problem types live; the slug follows. */
	public static final String BASE_URI = "https://dbaas.example/problems/";

	private final String slug;

	private final HttpStatus status;

	private final String title;

	ProblemType(String slug, HttpStatus status, String title) {
		this.slug = slug;
		this.status = status;
		this.title = title;
	}

	public URI uri() {
		return URI.create(BASE_URI + this.slug);
	}

	public HttpStatus status() {
		return this.status;
	}

	public String title() {
		return this.title;
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
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(this.status, detail);
		problem.setType(uri());
		problem.setTitle(this.title);
		return problem;
	}

	/**
	 * The type for a status that the framework answered with.
	 * @param status the status
	 * @return the matching generic type
	 */
	public static ProblemType forStatus(HttpStatusCode status) {
		return Arrays.stream(values())
			.filter((type) -> type != INVALID_ORDER && type != IDEMPOTENCY_KEY_REUSED && type != MALFORMED_REQUEST
					&& type != MISSING_IDEMPOTENCY_KEY && type != INVALID_IDEMPOTENCY_KEY)
			.filter((type) -> type.status.value() == status.value())
			.findFirst()
			.orElse(status.is4xxClientError() ? BAD_REQUEST : INTERNAL_ERROR);
	}

}
