package dev.dbaas.pipeline.intake;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.dbaas.pipeline.intake.support.Http;
import dev.dbaas.pipeline.intake.support.OrderPlacedTopic;
import dev.dbaas.pipeline.localinfra.KraftBroker;
import dev.dbaas.pipeline.testkit.Infrastructure;
import dev.dbaas.pipeline.testkit.InfrastructureMode;
import dev.dbaas.pipeline.testkit.RealInfrastructure;
import dev.dbaas.pipeline.testkit.fixtures.Orders;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * Kafka going away must not stop the intake: orders wait in the outbox and drain when the
 * broker is back.
 */
@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class KafkaOutageIntegrationTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Value("${spring.kafka.bootstrap-servers}")
	String bootstrapServers;

	@Value("${pipeline.topics.order-placed}")
	String orderPlacedTopic;

	@Test
	void acceptsOrdersWhileKafkaIsDownAndDeliversThemAfterRestart() {
		assumeThat(Infrastructure.servers().mode()).isEqualTo(InfrastructureMode.EMBEDDED);
		KraftBroker broker = Infrastructure.servers().embeddedBroker();
		Http http = new Http(this.port);
		List<String> orderIds = new ArrayList<>();

		broker.stop();
		try {
			for (int i = 0; i < 3; i++) {
				HttpResponse<String> response = http.placeOrder(UUID.randomUUID().toString(),
						Orders.aValidOrder().withCustomerId("c-kafka-down-" + i).toJson());
				assertThat(response.statusCode()).isEqualTo(202);
				JsonNode body = Http.json(response);
				orderIds.add(body.get("orderId").stringValue());
			}
			assertThat(unpublished()).isEqualTo(3);
			assertThat(http.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
		}
		finally {
			broker.start();
		}

		try (OrderPlacedTopic topic = new OrderPlacedTopic(this.bootstrapServers, this.orderPlacedTopic)) {
			await().atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(200))
				.untilAsserted(() -> assertThat(
						topic.poll().stream().map((record) -> record.key()).collect(Collectors.toSet()))
					.containsAll(Set.copyOf(orderIds)));
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> unpublished() == 0);
	}

	private long unpublished() {
		return this.jdbc.sql("SELECT count(*) FROM outbox WHERE published_at IS NULL").query(Long.class).single();
	}

}
