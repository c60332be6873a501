package dev.dbaas.pipeline.provisioner;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.dbaas.pipeline.security.test.TestTokens;
import dev.dbaas.pipeline.testkit.RealInfrastructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The provisioner's own application context, as its jar runs in compose and Kubernetes,
 * closes its actuator like the APIs do: health, info and prometheus open, everything else
 * for ops tokens only. Before, only the launcher's class path happened to close it.
 */
@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ActuatorSecurityIntegrationTest {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalServerPort
	int port;

	@ParameterizedTest(name = "{0} is open")
	@ValueSource(strings = { "/actuator/health", "/actuator/health/liveness", "/actuator/prometheus" })
	void probesAndScrapesNeedNoToken(String path) throws Exception {
		assertThat(get(path, null).statusCode()).isEqualTo(200);
	}

	@ParameterizedTest(name = "{0} needs a token")
	@ValueSource(strings = { "/actuator/metrics", "/actuator/metrics/jvm.memory.used", "/actuator/env" })
	void everyOtherEndpointRefusesAnonymousCallers(String path) throws Exception {
		HttpResponse<String> response = get(path, null);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.body()).contains("https://dbaas.example/problems/unauthorized")
			.doesNotContain("\"names\"", "measurements");
	}

	@Test
	void metricsAreForOpsOnly() throws Exception {
		assertThat(get("/actuator/metrics", TestTokens.customer("c-1001")).statusCode()).isEqualTo(403);
		assertThat(get("/actuator/metrics", TestTokens.service("portal", "orders:read", "orders:write")).statusCode())
			.isEqualTo(403);
		HttpResponse<String> ops = get("/actuator/metrics", TestTokens.ops());
		assertThat(ops.statusCode()).as(ops.body()).isEqualTo(200);
		assertThat(ops.body()).contains("jvm.memory.used");
	}

	private HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.timeout(Duration.ofSeconds(10));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return this.http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
	}

}
