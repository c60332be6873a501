package dev.dbaas.pipeline.devstack.portal;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.dbaas.pipeline.localinfra.FreePorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The portal server against two stand-in services that echo what reached them.
 */
class PortalServerTest {

	private final HttpClient browser = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final Map<String, String> seen = new ConcurrentHashMap<>();

	private HttpServer intake;

	private HttpServer status;

	private PortalServer portal;

	@BeforeEach
	void start() throws IOException {
		this.intake = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
		this.status = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
		String statusBase = "http://localhost:" + this.status.getAddress().getPort();
		this.intake.createContext("/", (exchange) -> {
			record(exchange, "intake");
			exchange.getResponseHeaders().set("Location", statusBase + "/v1/orders/o-1");
			exchange.getResponseHeaders().set("Idempotent-Replayed", "true");
			exchange.getResponseHeaders().set("Set-Cookie", "not=forwarded");
			answer(exchange, 202, "application/json",
					"{\"orderId\":\"o-1\",\"body\":" + this.seen.get("intake.body") + "}");
		});
		this.status.createContext("/", (exchange) -> {
			record(exchange, "status");
			if ("\"7\"".equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
				exchange.getResponseHeaders().set("ETag", "\"7\"");
				exchange.sendResponseHeaders(304, -1);
				exchange.close();
				return;
			}
			exchange.getResponseHeaders().set("ETag", "\"8\"");
			exchange.getResponseHeaders().set("Preference-Applied", "wait=5");
			answer(exchange, 200, "application/json", "{\"status\":\"DONE\"}");
		});
		this.intake.start();
		this.status.start();
		this.portal = PortalServer.start(0, URI.create("http://localhost:" + this.intake.getAddress().getPort()),
				URI.create(statusBase + "/"), () -> "portal-token");
	}

	@AfterEach
	void stop() {
		this.portal.close();
		this.intake.stop(0);
		this.status.stop(0);
	}

	@Test
	void forwardsAnOrderToOrderIntakeWithItsHeadersAndBody() throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(portal("/v1/orders"))
			.header("Content-Type", "application/json")
			.header("Idempotency-Key", "k-1")
			.header("Cookie", "session=secret")
			.header("Authorization", "Bearer from-the-browser")
			.POST(HttpRequest.BodyPublishers.ofString("{\"customerId\":\"c-1001\"}")));

		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(response.body()).isEqualTo("{\"orderId\":\"o-1\",\"body\":{\"customerId\":\"c-1001\"}}");
		assertThat(this.seen).containsEntry("intake.request", "POST /v1/orders")
			.containsEntry("intake.Idempotency-Key", "k-1")
			.containsEntry("intake.Content-Type", "application/json")
			.containsEntry("intake.Authorization", "Bearer portal-token")
			.doesNotContainKey("intake.Cookie");
		assertThat(response.headers().firstValue("Location")).as("status-service's URL becomes a portal path")
			.hasValue("/v1/orders/o-1");
		assertThat(response.headers().firstValue("Idempotent-Replayed")).hasValue("true");
		assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
	}

	@Test
	void forwardsTheCatalogToOrderIntakeAndOrderReadsWithTheirQueryToStatusService() throws Exception {
		assertThat(send(HttpRequest.newBuilder(portal("/v1/catalog"))).statusCode()).isEqualTo(202);
		assertThat(this.seen).containsEntry("intake.request", "GET /v1/catalog");

		HttpResponse<String> list = send(HttpRequest.newBuilder(portal("/v1/orders?customerId=c%201001&limit=5")));

		assertThat(list.statusCode()).isEqualTo(200);
		assertThat(this.seen).containsEntry("status.request", "GET /v1/orders?customerId=c%201001&limit=5")
			.containsEntry("status.Authorization", "Bearer portal-token");
	}

	@Test
	void passesALongPollThroughWithPreferAndIfNoneMatch() throws Exception {
		HttpResponse<String> changed = send(HttpRequest.newBuilder(portal("/v1/orders/o-1"))
			.header("Prefer", "wait=5")
			.header("If-None-Match", "\"6\""));
		HttpResponse<String> unchanged = send(HttpRequest.newBuilder(portal("/v1/orders/o-1"))
			.header("Prefer", "wait=5")
			.header("If-None-Match", "\"7\""));

		assertThat(this.seen).containsEntry("status.Prefer", "wait=5");
		assertThat(changed.statusCode()).isEqualTo(200);
		assertThat(changed.headers().firstValue("ETag")).hasValue("\"8\"");
		assertThat(changed.headers().firstValue("Preference-Applied")).hasValue("wait=5");
		assertThat(changed.body()).isEqualTo("{\"status\":\"DONE\"}");
		assertThat(unchanged.statusCode()).isEqualTo(304);
		assertThat(unchanged.headers().firstValue("ETag")).hasValue("\"7\"");
		assertThat(unchanged.body()).isEmpty();
	}

	@Test
	void servesThePagesAndNothingElse() throws Exception {
		HttpResponse<String> wizard = send(HttpRequest.newBuilder(portal("/")));
		HttpResponse<String> styles = send(HttpRequest.newBuilder(portal("/portal.css")));

		assertThat(wizard.statusCode()).isEqualTo(200);
		assertThat(wizard.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
		assertThat(wizard.headers().firstValue("Content-Security-Policy"))
			.hasValueSatisfying((policy) -> assertThat(policy).startsWith("default-src 'self'"));
		assertThat(wizard.body()).contains("<title>Order a managed database");
		assertThat(styles.headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
		for (String path : List.of("/logback.xml", "/..%2Flogback.xml", "/missing.html", "/v1/other")) {
			HttpResponse<String> response = send(HttpRequest.newBuilder(portal(path)));
			assertThat(response.statusCode()).as(path).isEqualTo(404);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		}
		HttpResponse<String> delete = send(HttpRequest.newBuilder(portal("/v1/orders/o-1")).DELETE());
		assertThat(delete.statusCode()).isEqualTo(405);
		assertThat(this.seen).doesNotContainKey("status.request");
	}

	@Test
	void answersServiceUnavailableWhenAServiceIsDown() throws Exception {
		int closedPort = FreePorts.any();
		try (PortalServer orphan = PortalServer.start(0, URI.create("http://localhost:" + closedPort),
				URI.create("http://localhost:" + closedPort), () -> "")) {
			HttpResponse<String> response = this.browser
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + orphan.port() + "/v1/catalog"))
					.timeout(Duration.ofSeconds(10))
					.build(), HttpResponse.BodyHandlers.ofString());

			assertThat(response.statusCode()).isEqualTo(503);
			assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
			assertThat(response.body()).contains("service-unavailable");
		}
	}

	private URI portal(String path) {
		return URI.create("http://localhost:" + this.portal.port() + path);
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return this.browser.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private void record(HttpExchange exchange, String service) throws IOException {
		this.seen.put(service + ".request", exchange.getRequestMethod() + " " + exchange.getRequestURI());
		for (String name : List.of("Content-Type", "Idempotency-Key", "Prefer", "If-None-Match", "Cookie",
				"Authorization")) {
			String value = exchange.getRequestHeaders().getFirst(name);
			if (value != null) {
				this.seen.put(service + "." + name, value);
			}
		}
		this.seen.put(service + ".body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
	}

	private static void answer(HttpExchange exchange, int code, String type, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", type);
		exchange.sendResponseHeaders(code, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

}
