package dev.dbaas.pipeline.intake.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import dev.dbaas.pipeline.security.test.TestTokens;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small HTTP client for tests against the running server. It sends a bearer token: the
 * portal's (any customer) unless another is given.
 */
public final class Http {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String baseUrl;

	private final @Nullable String token;

	public Http(int port) {
		this(port, TestTokens.portal());
	}

	/**
	 * A client that sends a given token.
	 * @param port the server's port
	 * @param token the bearer token, or {@code null} for none
	 */
	public Http(int port, @Nullable String token) {
		this.baseUrl = "http://127.0.0.1:" + port;
		this.token = token;
	}

	/**
	 * The same client with another token.
	 * @param token the bearer token, or {@code null} for none
	 * @return a new client
	 */
	public Http withToken(@Nullable String token) {
		return new Http(Integer.parseInt(this.baseUrl.substring(this.baseUrl.lastIndexOf(':') + 1)), token);
	}

	public HttpResponse<String> get(String path) {
		return send(authorized(HttpRequest.newBuilder(URI.create(this.baseUrl + path))).GET().build());
	}

	public HttpResponse<String> placeOrder(@Nullable String idempotencyKey, String body) {
		return send(orderRequest(idempotencyKey, "application/json", HttpRequest.BodyPublishers.ofString(body)));
	}

	public CompletableFuture<HttpResponse<String>> placeOrderAsync(String idempotencyKey, String body) {
		return this.client.sendAsync(
				orderRequest(idempotencyKey, "application/json", HttpRequest.BodyPublishers.ofString(body)),
				HttpResponse.BodyHandlers.ofString());
	}

	public HttpResponse<String> placeOrder(@Nullable String idempotencyKey, String contentType,
			HttpRequest.BodyPublisher body) {
		return send(orderRequest(idempotencyKey, contentType, body));
	}

	/**
	 * Places an order as a caller that is part of a trace already.
	 */
	public HttpResponse<String> placeOrderInTrace(String traceParent, String idempotencyKey, String body) {
		HttpRequest request = authorized(HttpRequest.newBuilder(URI.create(this.baseUrl + "/v1/orders")))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.header("Idempotency-Key", idempotencyKey)
			.header("traceparent", traceParent)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		return send(request);
	}

	public HttpResponse<String> placeOrderAccepting(String accept, String idempotencyKey, String body) {
		HttpRequest request = authorized(HttpRequest.newBuilder(URI.create(this.baseUrl + "/v1/orders")))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.header("Accept", accept)
			.header("Idempotency-Key", idempotencyKey)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		return send(request);
	}

	/**
	 * Places a change order of an instance.
	 * @param instanceId the instance of the path
	 * @param idempotencyKey the key, or {@code null} for none
	 * @param ifMatch the {@code If-Match} header, or {@code null} for none
	 * @param body the JSON body
	 * @return the response
	 */
	public HttpResponse<String> placeInstanceOrder(String instanceId, @Nullable String idempotencyKey,
			@Nullable String ifMatch, String body) {
		return send(instanceOrderRequest(instanceId, idempotencyKey, ifMatch, body));
	}

	/**
	 * Places a change order of an instance without waiting for the answer.
	 * @param instanceId the instance of the path
	 * @param idempotencyKey the key
	 * @param body the JSON body
	 * @return the response, once it arrives
	 */
	public CompletableFuture<HttpResponse<String>> placeInstanceOrderAsync(String instanceId, String idempotencyKey,
			String body) {
		return this.client.sendAsync(instanceOrderRequest(instanceId, idempotencyKey, null, body),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpRequest instanceOrderRequest(String instanceId, @Nullable String idempotencyKey,
			@Nullable String ifMatch, String body) {
		HttpRequest.Builder request = authorized(
				HttpRequest.newBuilder(URI.create(this.baseUrl + "/v1/instances/" + instanceId + "/orders")))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (idempotencyKey != null) {
			request.header("Idempotency-Key", idempotencyKey);
		}
		if (ifMatch != null) {
			request.header("If-Match", ifMatch);
		}
		return request.build();
	}

	private HttpRequest orderRequest(@Nullable String idempotencyKey, String contentType,
			HttpRequest.BodyPublisher body) {
		HttpRequest.Builder request = authorized(HttpRequest.newBuilder(URI.create(this.baseUrl + "/v1/orders")))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", contentType)
			.POST(body);
		if (idempotencyKey != null) {
			request.header("Idempotency-Key", idempotencyKey);
		}
		return request.build();
	}

	private HttpRequest.Builder authorized(HttpRequest.Builder request) {
		if (this.token != null) {
			request.header("Authorization", "Bearer " + this.token);
		}
		return request;
	}

	/**
	 * Sends any request as is (no token added).
	 * @param request the request
	 * @return the response
	 */
	public HttpResponse<String> send(HttpRequest request) {
		try {
			return this.client.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public static JsonNode json(HttpResponse<String> response) {
		return JSON.readTree(response.body());
	}

}
