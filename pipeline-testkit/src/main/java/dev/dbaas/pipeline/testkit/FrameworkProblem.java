package dev.dbaas.pipeline.testkit;

import java.net.URI;

/**
 * The errors that the framework, not an API's own code, answers, with the status and the
 * problem {@code type} every API of the pipeline gives them. Each API's test sends the
 * request for each row to itself and expects this type: so the same error has the same
 * type on every API.
 */
public enum FrameworkProblem {

	/** A path no endpoint serves. */
	UNKNOWN_PATH(404, "not-found"),

	/** A method the path does not take. */
	METHOD_NOT_ALLOWED(405, "method-not-allowed"),

	/** An {@code Accept} header that allows nothing the endpoint produces. */
	NOT_ACCEPTABLE(406, "not-acceptable"),

	/** A body larger than the API's limit. */
	PAYLOAD_TOO_LARGE(413, "payload-too-large"),

	/** A body in a media type the endpoint does not read. */
	UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type"),

	/** No bearer token. */
	UNAUTHORIZED(401, "unauthorized"),

	/** A valid token without the scope the request needs. */
	FORBIDDEN(403, "forbidden");

	private final int status;

	private final URI type;

	FrameworkProblem(int status, String kind) {
		this.status = status;
		this.type = URI.create("https://dbaas.example/problems/" + kind);
	}

	/**
	 * The status the error is answered with.
	 * @return e.g. {@code 405}
	 */
	public int status() {
		return this.status;
	}

	/**
	 * The problem's {@code type}, the same on every API.
	 * @return e.g. {@code https://dbaas.example/problems/method-not-allowed}
	 */
	public URI type() {
		return this.type;
	}

}
