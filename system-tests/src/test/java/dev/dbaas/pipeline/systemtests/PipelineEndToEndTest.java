package dev.dbaas.pipeline.systemtests;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.dbaas.pipeline.devstack.DevStack;
import dev.dbaas.pipeline.devstack.DevStackOptions;
import dev.dbaas.pipeline.devstack.TokenCommand;
import dev.dbaas.pipeline.testkit.fixtures.Orders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole pipeline, started the way the launcher starts it: orders placed over HTTP at
 * order-intake reach DONE (or FAILED) in status-service's API.
 */
class PipelineEndToEndTest {

	@TempDir
	static Path dataDir;

	static DevStack stack;

	static PipelineClient client;

	@BeforeAll
	static void startPipeline() {
		stack = DevStack.start(DevStackOptions.defaults()
			.withDataDir(dataDir)
			.withPorts(0, 0, 0, 0, 0)
			.withServiceProperties(Map.of("provisioner.backend", "simulation", "provisioner.simulation.step-latency",
					"20ms", "provisioner.simulation.region-capacity[DE-NORTH-2]", "0")));
		client = new PipelineClient(stack);
	}

	@AfterAll
	static void stopPipeline() {
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	void placedOrderReachesDoneWithConnectionFacts() {
		PipelineClient.Response placed = client.placeOrder(PipelineClient.exampleOrder("DE-WEST-1"));
		assertThat(placed.status()).as(placed.raw()).isEqualTo(202);
		String orderId = placed.text("orderId");

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			PipelineClient.Response order = client.order(orderId);
			assertThat(order.status()).isEqualTo(200);
			assertThat(order.text("status")).isEqualTo("DONE");
			// Status events may be projected before the OrderPlaced that carries the
			// details.
			assertThat(order.json().path("trustedSources").toString()).contains("222.222.222.128/28");
		});
		PipelineClient.Response done = client.order(orderId);
		assertThat(done.json().path("instance").path("host").asString()).isNotBlank();
		assertThat(done.json().path("instance").path("port").asInt()).isEqualTo(3306);
		assertThat(done.text("customerId")).isEqualTo("c-1001");

		List<String> statuses = new ArrayList<>();
		client.history(orderId).json().path("items").forEach((item) -> statuses.add(item.path("status").asString()));
		assertThat(statuses).first().isEqualTo("NEW");
		assertThat(statuses).contains("PROCESSING").last().isEqualTo("DONE");
	}

	@Test
	void orderInARegionWithoutCapacityFailsWithRegionCapacityExhausted() {
		PipelineClient.Response placed = client.placeOrder(PipelineClient.exampleOrder("DE-NORTH-2"));
		assertThat(placed.status()).as(placed.raw()).isEqualTo(202);
		String orderId = placed.text("orderId");

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(client.order(orderId).text("status")).isEqualTo("FAILED"));
		assertThat(client.order(orderId).json().path("failure").path("code").asString())
			.isEqualTo("REGION_CAPACITY_EXHAUSTED");
	}

	@Test
	void invalidOrderIsRejectedBeforeItEntersThePipeline() {
		PipelineClient.Response rejected = client.placeOrder(Orders.aValidOrder().withStorageGb(49).toJson());

		assertThat(rejected.status()).isEqualTo(422);
		assertThat(rejected.raw()).contains("/storageGb");
	}

	@Test
	void refusesOrdersAndReadsWithoutAToken() {
		PipelineClient anonymous = new PipelineClient(stack, "");

		assertThat(anonymous.placeOrder(PipelineClient.exampleOrder("DE-WEST-1")).status()).isEqualTo(401);
		assertThat(anonymous.order("00000000-0000-0000-0000-000000000000").status()).isEqualTo(401);
	}

	@Test
	void tokenCommandPrintsTokensTheStackAccepts() {
		String customerToken = TokenCommand.parse(List.of("--customer=c-1001", "--data-dir=" + dataDir)).token();
		String otherCustomer = TokenCommand.parse(List.of("--customer=c-2002", "--data-dir=" + dataDir)).token();

		PipelineClient.Response own = new PipelineClient(stack, customerToken)
			.placeOrder(PipelineClient.exampleOrder("DE-WEST-1"));
		PipelineClient.Response foreign = new PipelineClient(stack, otherCustomer)
			.placeOrder(PipelineClient.exampleOrder("DE-WEST-1"));

		assertThat(own.status()).as(own.raw()).isEqualTo(202);
		assertThat(foreign.status()).as(foreign.raw()).isEqualTo(403);
		assertThat(stack.banner()).contains("Authorization: Bearer $TOKEN").contains("TOKEN=ey");
	}

}
