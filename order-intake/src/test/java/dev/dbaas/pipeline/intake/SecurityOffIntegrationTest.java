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
 * {@code pipeline.security.enabled=false}, as the fault suite starts the service jar: no
 * issuer needed, orders placed without a token.
 */
@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "pipeline.security.enabled=false", "spring.security.oauth2.resourceserver.jwt.issuer-uri=" })
class SecurityOffIntegrationTest {

	@LocalServerPort
	int port;

	@Test
	void placesOrdersWithoutAToken() {
		HttpResponse<String> response = new Http(this.port, null).placeOrder(UUID.randomUUID().toString(),
				Orders.aValidOrder().withCustomerId("c-security-off").toJson());

		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
	}

}
