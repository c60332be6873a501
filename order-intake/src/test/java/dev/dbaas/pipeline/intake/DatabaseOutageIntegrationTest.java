package dev.dbaas.pipeline.intake;

import java.net.http.HttpResponse;
import java.util.UUID;

import dev.dbaas.pipeline.intake.support.Http;
import dev.dbaas.pipeline.testkit.RealInfrastructure;
import dev.dbaas.pipeline.testkit.fixtures.Orders;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With PostgreSQL unreachable the intake never answers 202: it answers 503 with
 * Retry-After, and readiness goes down. Real Kafka; the data source points at a port
 * where nothing listens.
 */
@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:postgresql://127.0.0.1:1/intake", "spring.flyway.enabled=false",
				"spring.datasource.hikari.connection-timeout=500" })
class DatabaseOutageIntegrationTest {

	@LocalServerPort
	int port;

	@Test
	void answers503WithRetryAfterInsteadOfAcceptingAnOrder() {
		HttpResponse<String> response = new Http(this.port).placeOrder(UUID.randomUUID().toString(),
				Orders.aValidOrder().toJson());

		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(Http.json(response).get("type").stringValue())
			.isEqualTo("https://dbaas.example/problems/service-unavailable");
	}

	@Test
	void stillReportsBrokenRulesWithoutTheDatabase() {
		HttpResponse<String> response = new Http(this.port).placeOrder(UUID.randomUUID().toString(),
				Orders.aValidOrder().with("storageGb", 49).toJson());

		assertThat(response.statusCode()).isEqualTo(422);
	}

	@Test
	void isNotReadyButAlive() {
		Http http = new Http(this.port);

		assertThat(http.get("/actuator/health/readiness").statusCode()).isEqualTo(503);
		assertThat(http.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
	}

}
