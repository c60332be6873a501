package dev.dbaas.pipeline.devstack.portal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executor;

import dev.dbaas.pipeline.contract.http.ProblemKind;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

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
	 * @param request the browser's request
	 * @param response its response, not yet committed
	 * @param service base URI of the service, without a trailing slash
	 * @param bearerToken the token to send; empty sends none
	 * @throws IOException if the browser went away
	 */
	void forward(HttpServletRequest request, HttpServletResponse response, URI service, String bearerToken)
			throws IOException {
		HttpRequest built;
		try {
			built = request(request, service, bearerToken);
		}
		catch (IllegalArgumentException ex) {
			// A header value the client cannot send on (a control character, say): the
			// browser's request is at fault, not the service.
			PortalProblems.send(response, ProblemKind.BAD_REQUEST, "A request header the portal forwards ("
					+ String.join(", ", REQUEST_HEADERS) + ") has characters HTTP does not allow in a value");
			return;
		}
		HttpResponse<InputStream> answer;
		try {
			answer = this.http.send(built, HttpResponse.BodyHandlers.ofInputStream());
		}
		catch (IOException ex) {
			response.setHeader("Retry-After", "5");
			PortalProblems.send(response, ProblemKind.SERVICE_UNAVAILABLE,
					service + " did not answer (" + ex.getClass().getSimpleName() + "); try again in a moment");
			return;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return;
		}
		try (InputStream body = answer.body()) {
			response.setStatus(answer.statusCode());
			for (String name : RESPONSE_HEADERS) {
				for (String value : answer.headers().allValues(name)) {
					response.addHeader(name, relativeToPortal(value));
				}
			}
			int code = answer.statusCode();
			if (code == 204 || code == 304 || request.getMethod().equals("HEAD")) {
				return;
			}
			// Without a length, Tomcat sends the body chunked.
			answer.headers().firstValueAsLong("Content-Length").ifPresent(response::setContentLengthLong);
			body.transferTo(response.getOutputStream());
		}
	}

	private static HttpRequest request(HttpServletRequest request, URI service, String bearerToken) throws IOException {
		String query = request.getQueryString();
		URI target = URI.create(service + request.getRequestURI() + ((query != null) ? "?" + query : ""));
		HttpRequest.Builder forwarded = HttpRequest.newBuilder(target).timeout(UPSTREAM_TIMEOUT);
		for (String name : REQUEST_HEADERS) {
			for (String value : Collections.list(request.getHeaders(name))) {
				forwarded.header(name, value);
			}
		}
		if (!bearerToken.isEmpty()) {
			forwarded.header("Authorization", "Bearer " + bearerToken);
		}
		String method = request.getMethod();
		if (method.equals("POST")) {
			InputStream in = request.getInputStream();
			long declared = request.getContentLengthLong();
			HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.ofInputStream(() -> in);
			if (declared >= 0) {
				body = (declared == 0) ? HttpRequest.BodyPublishers.noBody()
						: HttpRequest.BodyPublishers.fromPublisher(body, declared);
			}
			forwarded.POST(body);
		}
		else {
			forwarded.method(method, HttpRequest.BodyPublishers.noBody());
		}
		return forwarded.build();
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
