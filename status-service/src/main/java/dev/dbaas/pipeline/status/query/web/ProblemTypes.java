package dev.dbaas.pipeline.status.query.web;

import java.net.URI;

import dev.dbaas.pipeline.contract.http.ProblemKind;

import org.springframework.http.HttpStatusCode;

/**
 * The stable {@code type} URIs of this API's problem responses (RFC 9457), taken from the
 * pipeline's shared vocabulary ({@link ProblemKind}): the same error has the same type
 * here as on order intake. Clients may switch on them; they never change meaning.
 */
public final class ProblemTypes {

	/** Base of every type URI. */
	public static final String BASE = ProblemKind.BASE_URI;

	/** No order with this id is in the view (yet). */
	public static final URI ORDER_NOT_FOUND = ProblemKind.ORDER_NOT_FOUND.uri();

	/** A query or path parameter is malformed; {@code errors} lists every one. */
	public static final URI INVALID_PARAMETER = ProblemKind.INVALID_PARAMETER.uri();

	/**
	 * The token is valid but does not grant the request (another customer's list, the
	 * summary without ops). The same type as the shared security chain's 403.
	 */
	public static final URI FORBIDDEN = ProblemKind.FORBIDDEN.uri();

	/** The client has too many long polls open; retry after {@code Retry-After}. */
	public static final URI TOO_MANY_REQUESTS = ProblemKind.TOO_MANY_REQUESTS.uri();

	/** The view's database cannot be reached. Retry later. */
	public static final URI SERVICE_UNAVAILABLE = ProblemKind.SERVICE_UNAVAILABLE.uri();

	/** Something failed on our side. */
	public static final URI INTERNAL_ERROR = ProblemKind.INTERNAL_ERROR.uri();

	private ProblemTypes() {
	}

	/**
	 * The type of a plain HTTP error raised by the framework (unknown path, wrong method,
	 * unacceptable media type, ...): the shared generic kind of its status.
	 * @param status the status
	 * @return e.g. {@code https://dbaas.example/problems/method-not-allowed}
	 */
	public static URI forStatus(HttpStatusCode status) {
		return ProblemKind.forStatus(status.value()).uri();
	}

}
