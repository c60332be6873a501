package dev.dbaas.pipeline.status.instance.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import dev.dbaas.pipeline.contract.credentials.SealedCredential;
import dev.dbaas.pipeline.contract.instance.InstanceIdRule;
import dev.dbaas.pipeline.security.test.TestTokens;
import dev.dbaas.pipeline.status.order.OrderEvent;
import dev.dbaas.pipeline.status.order.OrderStatus;
import dev.dbaas.pipeline.status.projection.OrderProjector;
import dev.dbaas.pipeline.testkit.RealInfrastructure;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.dbaas.pipeline.status.order.OrderEvents.aStatusChange;
import static dev.dbaas.pipeline.status.order.OrderEvents.anOrderPlaced;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A service started without {@code status.credentials.private-key}: a running instance
 * with sealed credentials answers the reveal with {@code 409 credentials-unavailable},
 * never a 500.
 */
@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CredentialsWithoutKeyIntegrationTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	OrderProjector projector;

	@Test
	void aRevealWithoutAPrivateKeyIsCredentialsUnavailable() throws Exception {
		String orderId = UUID.randomUUID().toString();
		String instanceId = InstanceIdRule.newId();
		String customer = "c-nokey-" + UUID.randomUUID();
		SealedCredential sealed = SealingKeys.generate().seal(instanceId, "admin_user", "never-shown-" + orderId);
		OrderEvent placed = anOrderPlaced(orderId).by(customer).forInstance(instanceId, true).build();
		OrderEvent done = aStatusChange(orderId, OrderStatus.DONE, 2).by(customer)
			.forInstance(instanceId, true)
			.instance("127.0.0.1", 5433)
			.credentials(sealed.keyId(), sealed.sealed())
			.build();
		this.projector.project(java.util.List.of(placed, done));
		HttpClient http = HttpClient.newHttpClient();
		HttpRequest reveal = HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + "/v1/instances/" + instanceId + "/credentials"))
			.header("Authorization", "Bearer " + TestTokens.customer(customer))
			.POST(HttpRequest.BodyPublishers.noBody())
			.build();

		HttpResponse<String> response = await().atMost(Duration.ofSeconds(10))
			.until(() -> http.send(reveal, HttpResponse.BodyHandlers.ofString()), (r) -> r.statusCode() != 404);

		assertThat(response.statusCode()).isEqualTo(409);
		JsonNode problem = JSON.readTree(response.body());
		assertThat(problem.path("type").asString()).isEqualTo("https://dbaas.example/problems/credentials-unavailable");
		assertThat(problem.path("detail").asString()).contains("status.credentials.private-key");
		assertThat(response.body()).doesNotContain("never-shown-");
	}

}
