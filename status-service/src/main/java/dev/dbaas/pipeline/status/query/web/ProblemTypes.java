package dev.dbaas.pipeline.status.query.web;

import java.net.URI;

import org.springframework.http.HttpStatusCode;

/**
 * The stable {@code type} URIs of this API's problem responses (RFC 9457). Clients may
 * switch on them; they never change meaning.
 */
public final class ProblemTypes {

	/** Base of every type URI. */
	public static final String BASE = "https://dbaas.example/problems/";

	/** No order with this id is in the view (yet). */
	public static final URI ORDER_NOT_FOUND = URI.create(BASE + "order-not-found");

	/** A query or path parameter is malformed; {@code errors} lists every one. */
	public static final URI INVALID_PARAMETER = URI.create(BASE + "invalid-parameter");

	/**
	 * The token is valid but does not grant the request (another customer's list, the
	 * summary without ops). The same type as the shared security chain's 403.
	 */
	public static final URI FORBIDDEN = URI.create(BASE + "forbidden");

	/** The client has too many long polls open; retry after {@code Retry-After}. */
	public static final URI TOO_MANY_REQUESTS = URI.create(BASE + "too-many-requests");

	/** The view's database cannot be reached. Retry later. */
	public static final URI VIEW_UNAVAILABLE = URI.create(BASE + "view-unavailable");

	/** Something failed on our side. */
	public static final URI INTERNAL_ERROR = URI.create(BASE + "internal-error");

	private ProblemTypes() {
	}

	/**
	 * The type of a plain HTTP error raised by the framework (unknown path, wrong method,
	 * unacceptable media type, ...).
	 * @param status the status
	 * @return e.g. {@code https://dbaas.example/problems/http-405}
	 */
	public static URI forStatus(HttpStatusCode status) {
		if (status.value() == 500) {
			return INTERNAL_ERROR;
		}
		return URI.create(BASE + "http-" + status.value());
	}

}
