package dev.dbaas.pipeline.devstack.portal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;

import com.sun.net.httpserver.HttpExchange;
import dev.dbaas.pipeline.contract.http.ProblemKind;

/**
 * Forwards an API call of the portal pages to a service and streams the answer back:
 * status code, the headers the API speaks ({@link #REQUEST_HEADERS},
 * {@link #RESPONSE_HEADERS}) and the body, so that a long poll ({@code Prefer: wait=N})
 * waits upstream and answers when the service does. A {@code Location} pointing at
 * status-service is rewritten to a path on the portal. Every call carries the bearer
 * token of the signed-in customer that the portal gives it, never one from the browser
 * (nor its cookies). A service that does not answer gives a 503 problem with
 * {@code Retry-After: 5}; a header value it cannot forward, a 400 problem. A service's
 * answer, a 4xx problem included, goes back as it is.
 *
 * <p>
 * Thread-safe; one blocking call per request in flight.
 */
final class ApiForwarder {

	/** Request headers passed to the services. */
	static final List<String> REQUEST_HEADERS = List.of("Accept", "Content-Type", "Idempotency-Key", "Prefer",
			"If-None-Match", "If-Match");

	/** Response headers passed back to the browser. */
	static final List<String> RESPONSE_HEADERS = List.of("Content-Type", "Location", "ETag", "Idempotency-Key",
			"Idempotent-Replayed", "Preference-Applied", "Retry-After", "Cache-Control");

	/** Longer than the longest long poll status-service grants (30 s). */
	private static final Duration UPSTREAM_TIMEOUT = Duration.ofSeconds(45);

	private final HttpClient http;

	private final URI status;

	/**
	 * @param executor runs the client's callbacks
	 * @param status base URI of status-service, without a trailing slash, whose
	 * {@code Location}s become portal paths
	 */
	ApiForwarder(Executor executor, URI status) {
		this.status = status;
		this.http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.followRedirects(HttpClient.Redirect.NEVER)
			.executor(executor)
			.build();
	}

	/**
	 * Forwards the request to the same path and query on a service.
	 * @param exchange the browser's request
	 * @param service base URI of the service, without a trailing slash
	 * @param bearerToken the token to send; empty sends none
	 * @throws IOException if the browser went away
	 */
	void forward(HttpExchange exchange, URI service, String bearerToken) throws IOException {
		HttpRequest built;
		try {
			built = request(exchange, service, bearerToken);
		}
		catch (IllegalArgumentException ex) {
			// A header value the client cannot send on (a control character, say): the
			// browser's request is at fault, not the service.
			PortalProblems.send(exchange, ProblemKind.BAD_REQUEST, "A request header the portal forwards ("
					+ String.join(", ", REQUEST_HEADERS) + ") has characters HTTP does not allow in a value");
			return;
		}
		String method = exchange.getRequestMethod();
		HttpResponse<InputStream> response;
		try {
			response = this.http.send(built, HttpResponse.BodyHandlers.ofInputStream());
		}
		catch (IOException ex) {
			exchange.getResponseHeaders().set("Retry-After", "5");
			PortalProblems.send(exchange, ProblemKind.SERVICE_UNAVAILABLE,
					service + " did not answer (" + ex.getClass().getSimpleName() + "); try again in a moment");
			return;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return;
		}
		try (InputStream body = response.body()) {
			for (String name : RESPONSE_HEADERS) {
				List<String> values = response.headers().allValues(name);
				if (!values.isEmpty()) {
					exchange.getResponseHeaders().put(name, values.stream().map(this::relativeToPortal).toList());
				}
			}
			int code = response.statusCode();
			boolean noBody = code == 204 || code == 304 || method.equals("HEAD");
			// For sendResponseHeaders, -1 means no body and 0 a body of unknown length
			// (chunked).
			long length = response.headers().firstValueAsLong("Content-Length").orElse(-2);
			exchange.sendResponseHeaders(code, (noBody || length == 0) ? -1 : Math.max(length, 0));
			if (!noBody) {
				try (OutputStream out = exchange.getResponseBody()) {
					body.transferTo(out);
				}
			}
		}
	}

	private static HttpRequest request(HttpExchange exchange, URI service, String bearerToken) {
		URI target = URI
			.create(service + exchange.getRequestURI().getRawPath() + ((exchange.getRequestURI().getRawQuery() != null)
					? "?" + exchange.getRequestURI().getRawQuery() : ""));
		HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(UPSTREAM_TIMEOUT);
		for (String name : REQUEST_HEADERS) {
			List<String> values = exchange.getRequestHeaders().get(name);
			if (values != null) {
				values.forEach((value) -> request.header(name, value));
			}
		}
		if (!bearerToken.isEmpty()) {
			request.header("Authorization", "Bearer " + bearerToken);
		}
		String method = exchange.getRequestMethod();
		if (method.equals("POST")) {
			String length = exchange.getRequestHeaders().getFirst("Content-Length");
			HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.ofInputStream(exchange::getRequestBody);
			if (length != null && length.matches("\\d{1,18}")) {
				long declared = Long.parseLong(length);
				body = (declared == 0) ? HttpRequest.BodyPublishers.noBody()
						: HttpRequest.BodyPublishers.fromPublisher(body, declared);
			}
			request.POST(body);
		}
		else {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		return request.build();
	}

	/**
	 * Turns an absolute status-service URL into a path on the portal; other values pass
	 * unchanged.
	 * @param value a header value
	 * @return the value, relative to the portal where it pointed at status-service
	 */
	String relativeToPortal(String value) {
		String base = this.status.toString();
		if (value.startsWith(base + "/")) {
			return value.substring(base.length());
		}
		return value;
	}

}
