package dev.dbaas.pipeline.security.web;

import java.util.Locale;

import dev.dbaas.pipeline.contract.http.ProblemKind;
import org.jspecify.annotations.Nullable;

/**
 * Why the HTTP edge refused a request before any controller saw it, with the problem it
 * is answered with: a {@link ProblemKind} of the shared vocabulary and a fixed detail
 * that says what to fix. The detail never repeats what the client sent (the container's
 * and the firewall's own messages quote the offending bytes), so a hostile request line
 * cannot be echoed into a response.
 */
enum EdgeRefusal {

	/** The request target has characters RFC 3986 does not allow unencoded. */
	REQUEST_TARGET(ProblemKind.BAD_REQUEST,
			"The request target is not a valid URI: percent-encode every character RFC 3986 does not allow in a "
					+ "path or query (space, quotes, '<', '>', '\\', '{', '}', '|', '^', '`', control characters, "
					+ "bytes beyond ASCII), and use '%' only before two hex digits."),

	/** The path does not decode to a normalized path. */
	PATH(ProblemKind.BAD_REQUEST,
			"The path does not decode to a normalized UTF-8 path: it has a malformed or non-UTF-8 percent escape, "
					+ "an encoded '/' (%2F) or '\\' (%5C), a NUL byte (%00), or '..' above the root."),

	/** The path holds a sequence the firewall refuses. */
	PATH_SEQUENCE(ProblemKind.BAD_REQUEST,
			"The path holds a sequence this API refuses: ';', '//', '/./' or '/../', an encoded '.', '/', '\\' or "
					+ "'%', or a control character. Send the normalized path of a resource."),

	/** The query string does not decode. */
	QUERY(ProblemKind.BAD_REQUEST,
			"The query string does not decode: every '%' must be followed by two hex digits, the decoded bytes must "
					+ "be UTF-8, and there must be at most as many parameters as the server accepts."),

	/** A header or parameter holds characters the firewall refuses. */
	HEADER_OR_PARAMETER(ProblemKind.BAD_REQUEST,
			"A request header or parameter holds characters this API refuses (control characters, or text that is "
					+ "not valid UTF-8)."),

	/** The method is not an HTTP token. */
	METHOD_SYNTAX(ProblemKind.BAD_REQUEST,
			"The request method is not an HTTP token (RFC 9110): letters, digits and !#$%&'*+-.^_`|~ only."),

	/** A method no endpoint serves (TRACE, or one the firewall does not know). */
	METHOD(ProblemKind.METHOD_NOT_ALLOWED,
			"This method is not served here; the API speaks GET, HEAD, POST, PUT, PATCH, DELETE and OPTIONS, "
					+ "each where its endpoints say so."),

	/** The Host header is missing, repeated or malformed. */
	HOST(ProblemKind.BAD_REQUEST,
			"The Host header is missing, repeated or malformed, or disagrees with the authority of the request "
					+ "line."),

	/** The request line and headers are larger than the server accepts. */
	HEADERS_TOO_LARGE(ProblemKind.BAD_REQUEST,
			"The request line and headers are larger than this server accepts; send a shorter path, query or "
					+ "header."),

	/** A header is malformed. */
	HEADER(ProblemKind.BAD_REQUEST,
			"A request header is malformed: a name that is not an HTTP token, a control character in a value, "
					+ "or a Content-Length or Transfer-Encoding that is repeated, not a number or not supported."),

	/** An HTTP version other than 1.0 and 1.1. */
	VERSION(ProblemKind.BAD_REQUEST, "This server speaks HTTP/1.1 (and HTTP/1.0) only."),

	/** The container found nothing at the path. */
	NOT_FOUND(ProblemKind.NOT_FOUND, "Nothing is served at this path."),

	/** The body is larger than the container reads. */
	BODY_TOO_LARGE(ProblemKind.PAYLOAD_TOO_LARGE, "The request body is larger than this server reads."),

	/** Anything else the container refused before the application saw the request. */
	MALFORMED(ProblemKind.BAD_REQUEST,
			"The server refused the request before the API saw it: its request line or headers are malformed.");

	private final ProblemKind kind;

	private final String detail;

	EdgeRefusal(ProblemKind kind, String detail) {
		this.kind = kind;
		this.detail = detail;
	}

	/**
	 * The problem the refusal is answered with.
	 * @return the kind; its status is the response's
	 */
	ProblemKind kind() {
		return this.kind;
	}

	/**
	 * What is wrong and what to send instead; fixed text.
	 * @return the detail
	 */
	String detail() {
		return this.detail;
	}

	/**
	 * The metric tag of the refusal.
	 * @return e.g. {@code request-target}
	 */
	String tag() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/**
	 * Why the container (Tomcat) refused a request, from the status and message it set;
	 * Tomcat's messages are English only, so matching words of them is reliable, and a
	 * message that matches nothing is {@link #MALFORMED}.
	 * @param status the status the container set
	 * @param message the container's message or that of the exception it raised, if any
	 * @return the refusal
	 */
	static EdgeRefusal ofContainer(int status, @Nullable String message) {
		String text = (message != null) ? message.toLowerCase(Locale.ROOT) : "";
		if (status == 505 || text.contains("http protocol") || text.contains("http version")) {
			return VERSION;
		}
		if (status == 405) {
			return METHOD;
		}
		if (status == 404) {
			return NOT_FOUND;
		}
		if (status == 413) {
			return BODY_TOO_LARGE;
		}
		if (text.contains("request target")) {
			return REQUEST_TARGET;
		}
		if (text.contains("method")) {
			return METHOD_SYNTAX;
		}
		if (text.contains("host")) {
			return HOST;
		}
		if (text.contains("too large") || status == 431 || status == 414) {
			return HEADERS_TOO_LARGE;
		}
		if (text.contains("uri")) {
			return PATH;
		}
		if (text.contains("header") || text.contains("content-length") || text.contains("transfer-encoding")
				|| status == 501) {
			return HEADER;
		}
		return MALFORMED;
	}

	/**
	 * Why Spring Security's firewall refused a request, from its message.
	 * @param message the message of its {@code RequestRejectedException}
	 * @return the refusal
	 */
	static EdgeRefusal ofFirewall(@Nullable String message) {
		String text = (message != null) ? message.toLowerCase(Locale.ROOT) : "";
		if (text.contains("http method")) {
			return METHOD;
		}
		if (text.contains("header") || text.contains("parameter")) {
			return HEADER_OR_PARAMETER;
		}
		if (text.contains("domain") || text.contains("host")) {
			return HOST;
		}
		return PATH_SEQUENCE;
	}

}
