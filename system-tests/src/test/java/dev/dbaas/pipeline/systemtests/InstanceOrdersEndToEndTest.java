package dev.dbaas.pipeline.systemtests;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import dev.dbaas.pipeline.devstack.DevStack;
import dev.dbaas.pipeline.devstack.DevStackOptions;
import dev.dbaas.pipeline.testkit.fixtures.Orders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Change orders that race each other, on the launcher with the simulated backend and slow
 * steps (issue 18's acceptance): two UPDATEs sent at once to one instance give exactly
 * one 202 and one 409 that names the first; a DELETE while the create is still running
 * cancels it: the create ends CANCELLED, the instance DELETED.
 */
class InstanceOrdersEndToEndTest {

	private static final String CUSTOMER = "c-races-1";

	@TempDir
	static Path dataDir;

	static DevStack stack;

	static InstanceClient client;

	@BeforeAll
	static void startPipeline() {
		stack = DevStack.start(DevStackOptions.defaults()
			.withDataDir(dataDir)
			.withPorts(0, 0, 0, 0, 0)
			.withServiceProperties(
					Map.of("provisioner.backend", "simulation", "provisioner.simulation.step-latency", "1s")));
		client = new InstanceClient(stack, CUSTOMER);
	}

	@AfterAll
	static void stopPipeline() {
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	void twoUpdatesAtOnceGiveOneAcceptedAndOneConflictNamingIt() throws Exception {
		String instanceId = runningInstance();
		CyclicBarrier start = new CyclicBarrier(2);
		List<CompletableFuture<InstanceClient.Reply>> replies = new ArrayList<>();
		for (Map<String, Object> change : List.<Map<String, Object>>of(Map.of("type", "UPDATE", "storageGb", 100),
				Map.of("type", "UPDATE", "nodeSize", "b4-8"))) {
			replies.add(CompletableFuture.supplyAsync(() -> {
				arrive(start);
				return client.change(instanceId, change, null);
			}));
		}
		List<InstanceClient.Reply> answers = replies.stream()
			.map(CompletableFuture::join)
			.sorted(Comparator.comparingInt(InstanceClient.Reply::code))
			.toList();

		assertThat(answers).extracting(InstanceClient.Reply::code).as(answers.toString()).containsExactly(202, 409);
		InstanceClient.Reply accepted = answers.get(0);
		InstanceClient.Reply conflict = answers.get(1);
		assertThat(conflict.type()).endsWith("/instance-busy");
		assertThat(conflict.text("blockingOrderId")).isEqualTo(accepted.text("orderId"));
		assertThat(conflict.text("blockingOrderType")).isEqualTo("UPDATE");
		assertThat(client.awaitTerminal(accepted.text("orderId"), Duration.ofMinutes(1)).path("status").asString())
			.isEqualTo("DONE");
	}

	@Test
	void deleteDuringTheCreateCancelsItAndDeletesTheInstance() {
		InstanceClient.Reply created = client.create(Orders.aValidOrder().withCustomerId(CUSTOMER).toJson());
		assertThat(created.code()).as(created.raw()).isEqualTo(202);
		String createId = created.text("orderId");
		String instanceId = created.text("instanceId");
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(client.order(createId).text("status")).isEqualTo("PROCESSING"));

		InstanceClient.Reply delete = client.change(instanceId, Map.of("type", "DELETE", "confirm", instanceId), null);
		assertThat(delete.code()).as(delete.raw()).isEqualTo(202);
		assertThat(delete.text("type")).isEqualTo("DELETE");

		JsonNode create = client.awaitTerminal(createId, Duration.ofMinutes(1));
		assertThat(create.path("status").asString()).as(create.toString()).isEqualTo("CANCELLED");
		JsonNode deletion = client.awaitTerminal(delete.text("orderId"), Duration.ofMinutes(1));
		assertThat(deletion.path("status").asString()).as(deletion.toString()).isEqualTo("DONE");
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			InstanceClient.Reply instance = client.instance(instanceId);
			assertThat(instance.text("state")).as(instance.raw()).isEqualTo("DELETED");
		});
		InstanceClient.Reply credentials = client.revealCredentials(instanceId);
		assertThat(credentials.code()).as(credentials.raw()).isEqualTo(409);
	}

	private static String runningInstance() {
		InstanceClient.Reply created = client.create(Orders.aValidOrder().withCustomerId(CUSTOMER).toJson());
		assertThat(created.code()).as(created.raw()).isEqualTo(202);
		assertThat(client.awaitTerminal(created.text("orderId"), Duration.ofMinutes(1)).path("status").asString())
			.isEqualTo("DONE");
		String instanceId = created.text("instanceId");
		// order-intake reads the create's DONE from the status topic, as status-service
		// does: an UPDATE that changes nothing answers 409 while it has not, 422 after
		await().atMost(Duration.ofSeconds(15))
			.until(() -> client.change(instanceId, Map.of("type", "UPDATE", "storageGb", 50), null).code() == 422);
		return instanceId;
	}

	private static void arrive(CyclicBarrier barrier) {
		try {
			barrier.await();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
