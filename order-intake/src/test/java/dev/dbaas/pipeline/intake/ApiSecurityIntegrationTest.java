package dev.dbaas.pipeline.intake;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import dev.dbaas.pipeline.intake.support.Http;
import dev.dbaas.pipeline.security.test.HostileTokens;
import dev.dbaas.pipeline.security.test.TestTokens;
import dev.dbaas.pipeline.testkit.RealInfrastructure;
import dev.dbaas.pipeline.testkit.fixtures.Orders;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.dbaas.pipeline.intake.support.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may place orders, and how many: bearer tokens, tenant checks, idempotency keys per
 * client, the rate limit, size limits, headers. Three orders per hour per client here, so
 * that the limit is reached quickly; every other test uses its own client.
 */
@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "intake.rate-limit.orders-per-period=3", "intake.rate-limit.period=1h" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiSecurityIntegrationTest {

	private static final String PROBLEMS = "https://dbaas.example/problems/";

	@LocalServerPort
	int port;

	Http anonymous;

	@BeforeAll
	void connect() {
		this.anonymous = new Http(this.port, null);
	}

	List<HostileTokens.Hostile> hostileTokens() {
		return HostileTokens.all(TestTokens.issuer(), TestTokens.untrustedKeyDirectory(), "c-hostile");
	}

	@Test
	void refusesAnOrderWithoutAToken() {
		HttpResponse<String> response = this.anonymous.placeOrder(key(), order("c-hostile"));

		assertUnauthorized(response);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("hostileTokens")
	void refusesAnOrderWithAToken(HostileTokens.Hostile hostile) {
		HttpResponse<String> response = this.anonymous.withToken(hostile.token()).placeOrder(key(), order("c-hostile"));

		assertUnauthorized(response);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("hostileTokens")
	void refusesTheCatalogWithAToken(HostileTokens.Hostile hostile) {
		assertUnauthorized(this.anonymous.withToken(hostile.token()).get("/v1/catalog"));
	}

	@Test
	void customerPlacesOrdersForItselfOnly() {
		Http customer = this.anonymous.withToken(TestTokens.customer("c-tenant-a"));

		HttpResponse<String> own = customer.placeOrder(key(), order("c-tenant-a"));
		HttpResponse<String> other = customer.placeOrder(key(), order("c-tenant-b"));

		assertThat(own.statusCode()).as(own.body()).isEqualTo(202);
		assertThat(other.statusCode()).as(other.body()).isEqualTo(403);
		assertThat(json(other).get("type").stringValue()).isEqualTo(PROBLEMS + "forbidden");
		assertThat(other.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
	}

	@Test
	void portalPlacesOrdersForAnyCustomer() {
		Http portal = this.anonymous.withToken(TestTokens.service("portal-any", "orders:write", "orders:read"));

		assertThat(portal.placeOrder(key(), order("c-any-1")).statusCode()).isEqualTo(202);
		assertThat(portal.placeOrder(key(), order("c-any-2")).statusCode()).isEqualTo(202);
	}

	@Test
	void tokenWithoutTheWriteScopePlacesNothing() {
		HttpResponse<String> response = this.anonymous.withToken(TestTokens.service("reader", "orders:read"))
			.placeOrder(key(), order("c-reader"));

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(json(response).get("type").stringValue()).isEqualTo(PROBLEMS + "forbidden");
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((header) -> assertThat(header).contains("insufficient_scope"));
	}

	@Test
	void idempotencyKeysAreScopedToTheClient() {
		String key = key();
		String body = order("c-shared");

		HttpResponse<String> first = this.anonymous.withToken(TestTokens.service("portal-one", "orders:write"))
			.placeOrder(key, body);
		HttpResponse<String> second = this.anonymous.withToken(TestTokens.service("portal-two", "orders:write"))
			.placeOrder(key, body);
		HttpResponse<String> retry = this.anonymous.withToken(TestTokens.service("portal-one", "orders:write"))
			.placeOrder(key, body);

		assertThat(List.of(first.statusCode(), second.statusCode(), retry.statusCode())).containsOnly(202);
		assertThat(second.headers().firstValue("Idempotent-Replayed")).isEmpty();
		assertThat(json(second).get("orderId")).isNotEqualTo(json(first).get("orderId"));
		assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
		assertThat(json(retry).get("orderId")).isEqualTo(json(first).get("orderId"));
	}

	@Test
	void answersTooManyRequestsBeyondTheClientsRateLimit() {
		Http burst = this.anonymous.withToken(TestTokens.service("burst", "orders:write"));
		for (int i = 0; i < 3; i++) {
			assertThat(burst.placeOrder(key(), order("c-burst")).statusCode()).isEqualTo(202);
		}

		HttpResponse<String> limited = burst.placeOrder(key(), order("c-burst"));

		assertThat(limited.statusCode()).isEqualTo(429);
		assertThat(json(limited).get("type").stringValue()).isEqualTo(PROBLEMS + "too-many-requests");
		assertThat(limited.headers().firstValueAsLong("Retry-After").orElse(0)).isBetween(1L, 3600L);
		assertThat(this.anonymous.withToken(TestTokens.service("not-burst", "orders:write"))
			.placeOrder(key(), order("c-burst"))
			.statusCode()).as("other clients keep their own limit").isEqualTo(202);
	}

	@Test
	void answersPayloadTooLargeOver64Kilobytes() {
		String huge = "{\"customerId\":\"c-big\",\"padding\":\"" + "x".repeat(70_000) + "\"}";

		HttpResponse<String> response = this.anonymous.withToken(TestTokens.service("big", "orders:write"))
			.placeOrder(key(), huge);

		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(json(response).get("type").stringValue()).isEqualTo(PROBLEMS + "payload-too-large");
	}

	@Test
	void refusesOversizedHeaders() {
		HttpResponse<String> response = this.anonymous.send(HttpRequest.newBuilder(URI.create(base() + "/v1/catalog"))
			.header("Authorization", "Bearer " + TestTokens.portal())
			.header("X-Padding", "x".repeat(16_000))
			.GET()
			.build());

		assertThat(response.statusCode()).isIn(400, 431);
	}

	@Test
	void actuatorHealthAndPrometheusNeedNoToken() {
		assertThat(this.anonymous.get("/actuator/health").statusCode()).isEqualTo(200);
		assertThat(this.anonymous.get("/actuator/prometheus").statusCode()).isEqualTo(200);
	}

	@Test
	void answersWithSecurityHeaders() {
		HttpResponse<String> response = this.anonymous.withToken(TestTokens.portal()).get("/v1/catalog");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
		assertThat(response.headers().firstValue("Content-Security-Policy")).hasValue("frame-ancestors 'none'");
		assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
	}

	@Test
	void refusesCrossOriginCallsFromUnconfiguredOrigins() {
		HttpResponse<String> preflight = this.anonymous.send(HttpRequest.newBuilder(URI.create(base() + "/v1/orders"))
			.header("Origin", "https://evil.example")
			.header("Access-Control-Request-Method", "POST")
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
			.build());

		assertThat(preflight.statusCode()).isEqualTo(403);
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
	}

	private void assertUnauthorized(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
		assertThat(json(response).get("type").stringValue()).isEqualTo(PROBLEMS + "unauthorized");
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((header) -> assertThat(header).startsWith("Bearer"));
	}

	private String base() {
		return "http://127.0.0.1:" + this.port;
	}

	private static String key() {
		return UUID.randomUUID().toString();
	}

	private static String order(String customerId) {
		return Orders.aValidOrder().withCustomerId(customerId).toJson();
	}

}
