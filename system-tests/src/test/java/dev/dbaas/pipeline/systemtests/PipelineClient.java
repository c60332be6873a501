package dev.dbaas.pipeline.systemtests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.dbaas.pipeline.devstack.DevStack;
import dev.dbaas.pipeline.security.Caller;
import dev.dbaas.pipeline.testkit.fixtures.Orders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a portal backend does against a running stack: place orders at order-intake, read
 * them from status-service, with the portal's service token (or another).
 */
final class PipelineClient {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String intake;

	private final String status;

	private final String token;

	PipelineClient(DevStack stack) {
		this(stack, stack.tokens().serviceToken("portal", List.of(Caller.WRITE, Caller.READ), Duration.ofHours(1)));
	}

	/** A client with another token; an empty one sends none. */
	PipelineClient(DevStack stack, String token) {
		this.intake = "http://localhost:" + stack.options().intakePort();
		this.status = "http://localhost:" + stack.options().statusPort();
		this.token = token;
	}

	/** Places an order; returns the response with status code and JSON body. */
	Response placeOrder(String body) {
		HttpRequest request = authorized(HttpRequest.newBuilder(URI.create(this.intake + "/v1/orders")))
			.header("Content-Type", "application/json")
			.header("Idempotency-Key", UUID.randomUUID().toString())
			.timeout(Duration.ofSeconds(10))
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		return send(request);
	}

	/** Reads an order's current state from the status API. */
	Response order(String orderId) {
		return send(authorized(HttpRequest.newBuilder(URI.create(this.status + "/v1/orders/" + orderId)))
			.timeout(Duration.ofSeconds(10))
			.GET()
			.build());
	}

	/** Reads an order's transitions from the status API. */
	Response history(String orderId) {
		return send(authorized(HttpRequest.newBuilder(URI.create(this.status + "/v1/orders/" + orderId + "/history")))
			.timeout(Duration.ofSeconds(10))
			.GET()
			.build());
	}

	private HttpRequest.Builder authorized(HttpRequest.Builder request) {
		return this.token.isEmpty() ? request : request.header("Authorization", "Bearer " + this.token);
	}

	static String exampleOrder(String region) {
		return Orders.aValidOrder().withRegion(region).toJson();
	}

	private Response send(HttpRequest request) {
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			JsonNode body = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
			return new Response(response.statusCode(), body, response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException(request.method() + " " + request.uri() + " failed: " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	record Response(int status, JsonNode json, String raw) {

		String text(String field) {
			JsonNode node = this.json.get(field);
			return (node == null || node.isNull()) ? "" : node.asString();
		}

	}

}
