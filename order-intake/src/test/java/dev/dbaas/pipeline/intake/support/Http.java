package dev.dbaas.pipeline.intake.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A small HTTP client for tests against the running server.
 */
public final class Http {

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String baseUrl;

	public Http(int port) {
		this.baseUrl = "http://127.0.0.1:" + port;
	}

	public HttpResponse<String> get(String path) {
		return send(HttpRequest.newBuilder(URI.create(this.baseUrl + path)).GET().build());
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
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.baseUrl + "/v1/orders"))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.header("Idempotency-Key", idempotencyKey)
			.header("traceparent", traceParent)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		return send(request);
	}

	public HttpResponse<String> placeOrderAccepting(String accept, String idempotencyKey, String body) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.baseUrl + "/v1/orders"))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.header("Accept", accept)
			.header("Idempotency-Key", idempotencyKey)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		return send(request);
	}

	private HttpRequest orderRequest(@Nullable String idempotencyKey, String contentType,
			HttpRequest.BodyPublisher body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUrl + "/v1/orders"))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", contentType)
			.POST(body);
		if (idempotencyKey != null) {
			request.header("Idempotency-Key", idempotencyKey);
		}
		return request.build();
	}

	private HttpResponse<String> send(HttpRequest request) {
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
		return OrderJson.JSON.readTree(response.body());
	}

}
