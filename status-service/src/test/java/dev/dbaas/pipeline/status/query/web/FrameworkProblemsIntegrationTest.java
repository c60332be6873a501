package dev.dbaas.pipeline.status.query.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.dbaas.pipeline.security.test.TestTokens;
import dev.dbaas.pipeline.testkit.FrameworkProblem;
import dev.dbaas.pipeline.testkit.RealInfrastructure;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
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
