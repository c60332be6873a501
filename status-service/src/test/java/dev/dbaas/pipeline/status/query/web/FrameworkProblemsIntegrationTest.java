package dev.dbaas.pipeline.status.query.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import dev.dbaas.pipeline.security.test.HostileRequests;
import dev.dbaas.pipeline.security.test.RawHttp;
import dev.dbaas.pipeline.security.test.TestTokens;
import dev.dbaas.pipeline.testkit.FrameworkProblem;
import dev.dbaas.pipeline.testkit.RealInfrastructure;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The errors the framework answers get the pipeline's shared problem types here, as on
 * order intake ({@link FrameworkProblem} is the table both read). This API reads no
 * request bodies, so it has no 413 or 415 to give.
 */
@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "status.long-poll.poll-interval=1h")
class FrameworkProblemsIntegrationTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@ParameterizedTest(name = "{0}")
	@EnumSource(value = FrameworkProblem.class, mode = EnumSource.Mode.EXCLUDE,
			names = { "PAYLOAD_TOO_LARGE", "UNSUPPORTED_MEDIA_TYPE" })
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
		String authorization = "Authorization: Bearer " + TestTokens.service("framework-hostile", "orders:read")
				+ "\r\n";
		RawHttp.Answer answer = RawHttp.send(this.port, hostile.head("/v1/orders", this.port, authorization));

		assertThat(answer.status()).as(answer.toString()).isBetween(400, 499);
		assertThat(answer.header("Content-Type")).as(answer.toString()).startsWith("application/problem+json");
		assertThat(answer.looksLikeHtml()).as(answer.toString()).isFalse();
		assertThat(answer.problemType()).as(answer.toString()).isEqualTo(hostile.expected().uri().toString());
	}

	private HttpRequest request(FrameworkProblem error) {
		String reader = "Bearer " + TestTokens.service("framework-problems", "orders:read");
		return switch (error) {
			case UNKNOWN_PATH -> get("/v1/nothing-here").header("Authorization", reader).build();
			case METHOD_NOT_ALLOWED ->
				HttpRequest.newBuilder(uri("/v1/orders")).header("Authorization", reader).DELETE().build();
			case NOT_ACCEPTABLE ->
				get("/v1/orders").header("Authorization", reader).header("Accept", "image/png").build();
			case UNAUTHORIZED -> get("/v1/orders").build();
			case FORBIDDEN -> get("/v1/orders")
				.header("Authorization", "Bearer " + TestTokens.service("framework-writer", "orders:write"))
				.build();
			case PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE ->
				throw new IllegalArgumentException(error + " is excluded");
		};
	}

	private HttpRequest.Builder get(String path) {
		return HttpRequest.newBuilder(uri(path)).GET();
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

}
