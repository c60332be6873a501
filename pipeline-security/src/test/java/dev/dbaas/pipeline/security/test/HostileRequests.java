package dev.dbaas.pipeline.security.test;

import java.util.List;

import dev.dbaas.pipeline.contract.http.ProblemKind;

/**
 * Requests a hostile client sends to any endpoint, each next to why the HTTP edge refuses
 * it and with which problem, for table-driven tests: what the servlet container refuses
 * before the application sees it (request line, path decoding, headers, {@code Host},
 * version), what Spring Security's firewall refuses, and a query string that does not
 * decode. Every one must be answered with a 4xx {@code application/problem+json} of the
 * shared vocabulary, never HTML and never a 500.
 */
public final class HostileRequests {

	private static final String LONG = "a".repeat(20_000);

	private HostileRequests() {
	}

	/**
	 * A hostile request.
	 *
	 * @param reason why it is refused
	 * @param expected the problem it is answered with
	 * @param template renders the request head
	 */
	public record Hostile(String reason, ProblemKind expected, Template template) {

		/**
		 * The request head for an endpoint.
		 * @param path the endpoint's path, e.g. {@code /v1/orders/x}
		 * @param port the server's port, for the {@code Host} header
		 * @param headers further header lines (an {@code Authorization}, a cookie), each
		 * ended by CRLF; may be empty
		 * @return the request line and headers, each ended by CRLF
		 */
		public String head(String path, int port, String headers) {
			return this.template.head(path, "localhost:" + port, headers);
		}

		@Override
		public String toString() {
			return this.reason;
		}

	}

	/** Renders a request head. */
	@FunctionalInterface
	public interface Template {

		/**
		 * The head.
		 * @param path the endpoint's path
		 * @param host the {@code Host} header's value
		 * @param headers further header lines, each ended by CRLF
		 * @return the request line and headers, each ended by CRLF
		 */
		String head(String path, String host, String headers);

	}

	/**
	 * Every hostile request.
	 * @return the table
	 */
	public static List<Hostile> all() {
		return List.of(get("query parameter value is not UTF-8 (%C3%28)", ProblemKind.BAD_REQUEST, "", "?state=%C3%28"),
				get("query parameter value is a lone %FF", ProblemKind.BAD_REQUEST, "", "?customerId=%FF"),
				get("query has a malformed escape (%zz)", ProblemKind.BAD_REQUEST, "", "?x=%zz"),
				get("query parameter name is not UTF-8", ProblemKind.BAD_REQUEST, "", "?%FF=1"),
				get("query has characters RFC 3986 does not allow (|<>)", ProblemKind.BAD_REQUEST, "", "?a=|<>"),
				get("path segment is not UTF-8 (%FF)", ProblemKind.BAD_REQUEST, "/%FF", ""),
				get("path has an overlong UTF-8 slash (%C0%AF)", ProblemKind.BAD_REQUEST, "/%C0%AF", ""),
				get("path has an encoded slash (%2F)", ProblemKind.BAD_REQUEST, "/a%2Fb", ""),
				get("path has an encoded backslash (%5C)", ProblemKind.BAD_REQUEST, "/a%5Cb", ""),
				get("path has a raw backslash", ProblemKind.BAD_REQUEST, "/a\\b", ""),
				get("path has an encoded NUL (%00)", ProblemKind.BAD_REQUEST, "/a%00b", ""),
				get("path has a malformed escape (%zz)", ProblemKind.BAD_REQUEST, "/%zz", ""),
				get("path has braces", ProblemKind.BAD_REQUEST, "/{x}", ""),
				get("path climbs above the root (../)", ProblemKind.BAD_REQUEST, "/../../../../etc/passwd", ""),
				get("path has dot segments (/../)", ProblemKind.BAD_REQUEST, "/../x", ""),
				get("path has a path parameter (;jsessionid)", ProblemKind.BAD_REQUEST, ";jsessionid=x", ""),
				get("path has an encoded dot segment (%2e%2e)", ProblemKind.BAD_REQUEST, "/%2e%2e/x", ""),
				get("request line is 20 000 characters", ProblemKind.BAD_REQUEST, "", "?pad=" + LONG),
				new Hostile("a header of 20 000 characters", ProblemKind.BAD_REQUEST,
						(path, host, headers) -> "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + headers
								+ "X-Pad: " + LONG + "\r\n"),
				new Hostile("Host header is malformed", ProblemKind.BAD_REQUEST,
						(path, host, headers) -> "GET " + path + " HTTP/1.1\r\nHost: exa mple..com:99999\r\n"
								+ headers),
				new Hostile("Host header is missing", ProblemKind.BAD_REQUEST,
						(path, host, headers) -> "GET " + path + " HTTP/1.1\r\n" + headers),
				new Hostile("Host header is repeated", ProblemKind.BAD_REQUEST,
						(path, host, headers) -> "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nHost: other\r\n"
								+ headers),
				new Hostile("method is not a token (FOO(BAR)", ProblemKind.BAD_REQUEST,
						(path, host, headers) -> "FOO(BAR " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + headers),
				new Hostile("method TRACE", ProblemKind.METHOD_NOT_ALLOWED,
						(path, host, headers) -> "TRACE " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + headers),
				new Hostile("method no endpoint knows (PROPFIND)", ProblemKind.METHOD_NOT_ALLOWED,
						(path, host, headers) -> "PROPFIND " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + headers),
				new Hostile("HTTP version 9.9", ProblemKind.BAD_REQUEST,
						(path, host, headers) -> "GET " + path + " HTTP/9.9\r\nHost: " + host + "\r\n" + headers),
				new Hostile("header name with a space", ProblemKind.BAD_REQUEST,
						(path, host, headers) -> "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + headers
								+ "Bad Header: x\r\n"),
				new Hostile("header value with a control character", ProblemKind.BAD_REQUEST,
						(path, host, headers) -> "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + headers
								+ "X-Control: a\u0001b\r\n"),
				new Hostile("Content-Length is not a number", ProblemKind.BAD_REQUEST,
						(path, host, headers) -> "POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + headers
								+ "Content-Length: ten\r\n"),
				new Hostile("Content-Length is repeated", ProblemKind.BAD_REQUEST,
						(path, host, headers) -> "POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + headers
								+ "Content-Length: 0\r\nContent-Length: 5\r\n"));
	}

	private static Hostile get(String reason, ProblemKind expected, String pathSuffix, String query) {
		return new Hostile(reason, expected, (path, host, headers) -> "GET " + path + pathSuffix + query
				+ " HTTP/1.1\r\nHost: " + host + "\r\n" + headers);
	}

}
