package dev.dbaas.pipeline.contract.http;

import java.net.URI;

/**
 * Every kind of problem the pipeline's APIs answer with, each with its stable
 * {@code type} URI ({@value #BASE_URI}{@code <kind>}), its status and its title. The same
 * error has the same type on every API: clients switch on the URI, never on {@code title}
 * or {@code detail}.
 * <p>
 * The generic kinds (the framework's unknown path, wrong method, unacceptable media type,
 * body too large, missing or insufficient token, ...) are what {@link #forStatus(int)}
 * picks; the others are raised by one API on purpose.
 */
public enum ProblemKind {

	/** Not JSON, wrong JSON types, unknown or server-assigned fields. */
	MALFORMED_REQUEST("malformed-request", 400, "The request is malformed", false),

	/** A query or path parameter is malformed; {@code errors} lists every one. */
	INVALID_PARAMETER("invalid-parameter", 400, "Invalid parameter", false),

	/** Well-formed, but breaks catalog rules. */
	INVALID_ORDER("invalid-order", 422, "The order breaks catalog rules", false),

	/** No {@code Idempotency-Key} header. */
	MISSING_IDEMPOTENCY_KEY("missing-idempotency-key", 400, "Idempotency-Key header missing", false),

	/**
	 * An {@code Idempotency-Key} header that is not 1 to 255 visible ASCII characters.
	 */
	INVALID_IDEMPOTENCY_KEY("invalid-idempotency-key", 400, "Idempotency-Key header invalid", false),

	/** The key was used before with a different request body. */
	IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", 422, "Idempotency-Key already used for a different order", false),

	/** A request with the same key is still being processed. */
	IDEMPOTENCY_KEY_IN_USE("idempotency-key-in-use", 409, "A request with this Idempotency-Key is in progress", false),

	/** No order with this id is visible (yet), or it is another customer's. */
	ORDER_NOT_FOUND("order-not-found", 404, "Order not found", false),

	/**
	 * No instance with this id, or one of another customer (status-service and
	 * order-intake).
	 */
	INSTANCE_NOT_FOUND("instance-not-found", 404, "Instance not found", false),

	/**
	 * The instance is not RUNNING, so its credentials cannot be revealed
	 * (status-service).
	 */
	INSTANCE_NOT_RUNNING("instance-not-running", 409, "Instance not running", false),

	/**
	 * No sealed credentials, no key to open them, or a key that does not fit
	 * (status-service).
	 */
	CREDENTIALS_UNAVAILABLE("credentials-unavailable", 409, "Credentials unavailable", false),

	/**
	 * Another order of the instance is not terminal yet; the body names
	 * {@code blockingOrderId} and {@code blockingOrderType} (order-intake).
	 */
	INSTANCE_BUSY("instance-busy", 409, "Another order of this instance is in progress", false),

	/**
	 * The instance is FAILED or DELETED, so no order can change it; the body names
	 * {@code instanceState} (order-intake).
	 */
	INSTANCE_NOT_CHANGEABLE("instance-not-changeable", 409, "The instance cannot be changed", false),

	/**
	 * A DELETE of an instance whose deletion protection is on; an UPDATE that turns it
	 * off comes first (order-intake).
	 */
	DELETION_PROTECTED("deletion-protected", 409, "Deletion protection is on", false),

	/**
	 * {@code If-Match} names an ETag that is not the instance's current one; the body
	 * names {@code currentETag} (order-intake).
	 */
	PRECONDITION_FAILED("precondition-failed", 412, "The instance changed since it was read", false),

	/** The body is larger than the limit. */
	PAYLOAD_TOO_LARGE("payload-too-large", 413, "Request body too large", true),

	/** The body's media type is not one the endpoint reads. */
	UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, "Unsupported media type", true),

	/** The client accepts no representation the endpoint can produce. */
	NOT_ACCEPTABLE("not-acceptable", 406, "Not acceptable", true),

	/** Wrong HTTP method. */
	METHOD_NOT_ALLOWED("method-not-allowed", 405, "Method not allowed", true),

	/** No valid bearer token (written by the shared security chain). */
	UNAUTHORIZED("unauthorized", 401, "Authentication required", true),

	/**
	 * The token does not allow this request: a missing scope, or a customer token
	 * reaching for another customer's data.
	 */
	FORBIDDEN("forbidden", 403, "Not allowed", true),

	/** The client is over a limit (rate, open long polls); retry after Retry-After. */
	TOO_MANY_REQUESTS("too-many-requests", 429, "Too many requests", true),

	/** No such resource (an unknown path, say). */
	NOT_FOUND("not-found", 404, "Not found", true),

	/** Another malformed request (e.g. a bad header or parameter). */
	BAD_REQUEST("bad-request", 400, "Bad request", true),

	/**
	 * A store the request needs is unreachable: nothing was done; retry after
	 * {@code Retry-After} or shortly.
	 */
	SERVICE_UNAVAILABLE("service-unavailable", 503, "Service temporarily unavailable", true),

	/** A bug on our side. */
	INTERNAL_ERROR("internal-error", 500, "Internal error", true);

	/** Where the problem types live; the kind follows. */
	public static final String BASE_URI = "https://dbaas.example/problems/";

	private final String kind;

	private final int status;

	private final String title;

	private final boolean generic;

	ProblemKind(String kind, int status, String title, boolean generic) {
		this.kind = kind;
		this.status = status;
		this.title = title;
		this.generic = generic;
	}

	/**
	 * The type URI's last segment.
	 * @return e.g. {@code method-not-allowed}
	 */
	public String kind() {
		return this.kind;
	}

	/**
	 * The problem's {@code type}.
	 * @return e.g. {@code https://dbaas.example/problems/method-not-allowed}
	 */
	public URI uri() {
		return URI.create(BASE_URI + this.kind);
	}

	/**
	 * The HTTP status the problem is answered with.
	 * @return e.g. {@code 405}
	 */
	public int status() {
		return this.status;
	}

	/**
	 * A short, fixed summary of the kind.
	 * @return e.g. {@code Method not allowed}
	 */
	public String title() {
		return this.title;
	}

	/**
	 * The kind of an error that the framework, not the API's own code, answered with: the
	 * generic kind of that status, else {@link #BAD_REQUEST} for any other 4xx and
	 * {@link #INTERNAL_ERROR} for the rest.
	 * @param status the HTTP status
	 * @return the generic kind
	 */
	public static ProblemKind forStatus(int status) {
		for (ProblemKind candidate : values()) {
			if (candidate.generic && candidate.status == status) {
				return candidate;
			}
		}
		return (status >= 400 && status < 500) ? BAD_REQUEST : INTERNAL_ERROR;
	}

}
