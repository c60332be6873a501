package dev.dbaas.pipeline.systemtests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.dbaas.pipeline.devstack.DevStack;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a customer does with its instances against a running stack, with its own token:
 * create, change and delete orders at order-intake, the order and the instance as
 * status-service shows them.
 */
final class InstanceClient {

	static final Set<String> TERMINAL = Set.of("DONE", "FAILED", "CANCELLED");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String intake;

	private final String status;

	private final String token;

	InstanceClient(DevStack stack, String customerId) {
		this.intake = "http://localhost:" + stack.options().intakePort();
		this.status = "http://localhost:" + stack.options().statusPort();
		this.token = stack.tokens().customerToken(customerId, Duration.ofHours(1));
	}

	/** Places a create order. */
	Reply create(String body) {
		return send(post(URI.create(this.intake + "/v1/orders"), body, null));
	}

	/**
	 * Places a change order of an instance, with {@code If-Match} if {@code etag} is set.
	 */
	Reply change(String instanceId, Map<String, Object> body, String etag) {
		return send(post(URI.create(this.intake + "/v1/instances/" + instanceId + "/orders"),
				JSON.writeValueAsString(body), etag));
	}

	Reply order(String orderId) {
		return get(this.status + "/v1/orders/" + orderId);
	}

	Reply instance(String instanceId) {
		return get(this.status + "/v1/instances/" + instanceId);
	}

	Reply instanceHistory(String instanceId) {
		return get(this.status + "/v1/instances/" + instanceId + "/history");
	}

	Reply revealCredentials(String instanceId) {
		return send(post(URI.create(this.status + "/v1/instances/" + instanceId + "/credentials"), "", null));
	}

	/** Waits until the order is terminal in status-service and returns it. */
	JsonNode awaitTerminal(String orderId, Duration atMost) {
		await().atMost(atMost).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
			Reply order = order(orderId);
			assertThat(order.code()).as(order.raw()).isEqualTo(200);
			assertThat(order.text("status")).as(order.raw()).isIn(TERMINAL);
		});
		return order(orderId).json();
	}

	/**
	 * Places a change order as soon as order-intake accepts it: an instance-busy answer
	 * that names an order which status-service already shows terminal means order-intake
	 * has not read that status yet (it consumes the same topic), and is answered with
	 * {@code Retry-After}; the portal retries such a refusal too.
	 */
	Reply changeWhenIdle(String instanceId, Map<String, Object> body) {
		long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
		while (true) {
			Reply reply = change(instanceId, body, null);
			boolean busyWithFinishedOrder = reply.code() == 409 && reply.type().endsWith("/instance-busy")
					&& TERMINAL.contains(order(reply.text("blockingOrderId")).text("status"));
			if (!busyWithFinishedOrder || System.nanoTime() > deadline) {
				return reply;
			}
			pause(Duration.ofMillis(100));
		}
	}

	private HttpRequest post(URI uri, String body, String etag) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri)
			.header("Authorization", "Bearer " + this.token)
			.header("Content-Type", "application/json")
			.header("Idempotency-Key", UUID.randomUUID().toString())
			.timeout(Duration.ofSeconds(15))
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (etag != null) {
			request.header("If-Match", etag);
		}
		return request.build();
	}

	private Reply get(String uri) {
		return send(HttpRequest.newBuilder(URI.create(uri))
			.header("Authorization", "Bearer " + this.token)
			.timeout(Duration.ofSeconds(15))
			.GET()
			.build());
	}

	private Reply send(HttpRequest request) {
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			JsonNode body = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
			return new Reply(response.statusCode(), body, response.body(),
					response.headers().firstValue("ETag").orElse(null));
		}
		catch (IOException ex) {
			throw new IllegalStateException(request.method() + " " + request.uri() + " failed: " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	private static void pause(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	record Reply(int code, JsonNode json, String raw, String etag) {

		String text(String field) {
			JsonNode node = this.json.get(field);
			return (node == null || node.isNull()) ? "" : node.asString();
		}

		String type() {
			return text("type");
		}

	}

}
