package dev.dbaas.pipeline.intake;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import dev.dbaas.pipeline.security.test.TestTokens;
import dev.dbaas.pipeline.testkit.FrameworkProblem;
import dev.dbaas.pipeline.testkit.RealInfrastructure;
import dev.dbaas.pipeline.testkit.fixtures.Orders;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
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
