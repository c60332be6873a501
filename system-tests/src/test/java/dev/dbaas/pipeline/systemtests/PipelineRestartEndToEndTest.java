package dev.dbaas.pipeline.systemtests;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.dbaas.pipeline.devstack.DevStack;
import dev.dbaas.pipeline.devstack.DevStackOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Stopping the launcher with {@code --data-dir} and starting it again loses nothing:
 * orders that were still provisioning complete after the restart.
 */
class PipelineRestartEndToEndTest {

	@Test
	void restartOnTheSameDataDirLosesNothingAndFinishesUnfinishedOrders(@TempDir Path dataDir) {
		DevStackOptions options = DevStackOptions.defaults()
			.withDataDir(dataDir)
			.withPorts(0, 0, 0, 0, 0)
			.withServiceProperties(
					Map.of("provisioner.backend", "simulation", "provisioner.simulation.step-latency", "1500ms"));
		List<String> orderIds = new ArrayList<>();
		DevStackOptions resolved;
		try (DevStack first = DevStack.start(options)) {
			PipelineClient client = new PipelineClient(first);
			for (int i = 0; i < 10; i++) {
				PipelineClient.Response placed = client.placeOrder(PipelineClient.exampleOrder("DE-WEST-1"));
				assertThat(placed.status()).as(placed.raw()).isEqualTo(202);
				orderIds.add(placed.text("orderId"));
			}
			// Six steps of 1.5 s each: an order seen in PROCESSING is still far from DONE
			// when the stack stops right after, even if the view lags on a busy machine.
			await().atMost(Duration.ofSeconds(60))
				.untilAsserted(() -> assertThat(orderIds).as("some orders are provisioning when the stack stops")
					.anySatisfy((id) -> assertThat(client.order(id).text("status")).isEqualTo("PROCESSING")));
			resolved = first.options()
				.withPorts(port(first.kafka().bootstrapServers()), first.postgres().port(),
						first.options().intakePort(), first.options().provisionerPort(), first.options().statusPort());
		}

		try (DevStack second = DevStack.start(resolved)) {
			PipelineClient client = new PipelineClient(second);
			await().atMost(Duration.ofSeconds(60))
				.untilAsserted(() -> assertThat(orderIds)
					.allSatisfy((id) -> assertThat(client.order(id).text("status")).isEqualTo("DONE")));
			for (String id : orderIds) {
				List<String> statuses = new ArrayList<>();
				client.history(id).json().path("items").forEach((item) -> statuses.add(item.path("status").asString()));
				assertThat(statuses).as("history of %s", id).containsOnlyOnce("NEW", "DONE");
			}
		}
	}

	private static int port(String bootstrapServers) {
		return Integer.parseInt(bootstrapServers.substring(bootstrapServers.lastIndexOf(':') + 1));
	}

}
