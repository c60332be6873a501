package dev.dbaas.pipeline.intake;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import dev.dbaas.pipeline.security.test.HostileRequests;
import dev.dbaas.pipeline.security.test.RawHttp;
import dev.dbaas.pipeline.security.test.TestTokens;
import dev.dbaas.pipeline.testkit.FrameworkProblem;
import dev.dbaas.pipeline.testkit.RealInfrastructure;
import dev.dbaas.pipeline.testkit.fixtures.Orders;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The errors the framework answers get the pipeline's shared problem types here, as on
 * the status API ({@link FrameworkProblem} is the table both read).
 */
@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "intake.rate-limit.orders-per-period=3", "intake.rate-limit.period=1h" })
class FrameworkProblemsIntegrationTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@ParameterizedTest(name = "{0}")
	@EnumSource(FrameworkProblem.class)
	void answersTheSharedType(FrameworkProblem error) throws Exception {
		HttpResponse<String> response = this.http.send(request(error), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(error.status());
		assertThat(JSON.readTree(response.body()).get("type").asString()).isEqualTo(error.type().toString());
	}

	static List<HostileRequests.Hostile> hostile() {
		return HostileRequests.all();
	}

	/**
	 * What the container and the firewall refuse before a controller runs (and a query
	 * that does not decode, which a controller reading it turned into a 500) is a problem
	 * of the same vocabulary too, never the container's HTML page.
	 * @param hostile the request
	 */
	@ParameterizedTest(name = "{0}")
	@MethodSource("hostile")
	void answersHostileRequestsWithTheSharedType(HostileRequests.Hostile hostile) {
		String authorization = "Authorization: Bearer "
				+ TestTokens.service("framework-hostile", "orders:write", "orders:read") + "\r\n";
		RawHttp.Answer answer = RawHttp.send(this.port, hostile.head("/v1/catalog", this.port, authorization));

		assertThat(answer.status()).as(answer.toString()).isBetween(400, 499);
		assertThat(answer.header("Content-Type")).as(answer.toString()).startsWith("application/problem+json");
		assertThat(answer.looksLikeHtml()).as(answer.toString()).isFalse();
		assertThat(answer.problemType()).as(answer.toString()).isEqualTo(hostile.expected().uri().toString());
	}

	private HttpRequest request(FrameworkProblem error) {
		String writer = "Bearer "
				+ TestTokens.service("framework-" + error.name().toLowerCase(), "orders:write", "orders:read");
		return switch (error) {
			case UNKNOWN_PATH -> get("/v1/nothing-here").header("Authorization", writer).build();
			case METHOD_NOT_ALLOWED -> get("/v1/orders").header("Authorization", writer).build();
			case NOT_ACCEPTABLE ->
				get("/v1/catalog").header("Authorization", writer).header("Accept", "image/png").build();
			case PAYLOAD_TOO_LARGE -> placeOrder(writer, "application/json",
					"{\"customerId\":\"c-big\",\"padding\":\"" + "x".repeat(70_000) + "\"}");
			case UNSUPPORTED_MEDIA_TYPE -> placeOrder(writer, "application/xml", "<order/>");
			case UNAUTHORIZED -> get("/v1/catalog").build();
			case FORBIDDEN -> placeOrder("Bearer " + TestTokens.service("framework-reader", "orders:read"),
					"application/json", Orders.aValidOrder().toJson());
		};
	}

	private HttpRequest.Builder get(String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).GET();
	}

	private HttpRequest placeOrder(String authorization, String contentType, String body) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/v1/orders"))
			.header("Authorization", authorization)
			.header("Idempotency-Key", UUID.randomUUID().toString())
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
	}

}
