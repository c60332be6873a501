package dev.dbaas.pipeline.provisioner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.dbaas.pipeline.events.DatabaseType;
import dev.dbaas.pipeline.events.OrderPlaced;
import dev.dbaas.pipeline.events.OrderStatus;
import dev.dbaas.pipeline.events.OrderStatusChanged;
import dev.dbaas.pipeline.events.OrderType;
import dev.dbaas.pipeline.provisioner.support.Orders;
import dev.dbaas.pipeline.provisioner.support.ProvisionerInstance;
import dev.dbaas.pipeline.provisioner.support.ProvisionerTopics;
import dev.dbaas.pipeline.testkit.PipelineEnvironment;
import dev.dbaas.pipeline.testkit.RealInfrastructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.simple.JdbcClient;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two provisioner hosts on one broker and one job store, each with its own local backend
 * (its own directory of real servers): an instance's change orders run on the host that
 * created it and never on the other, engines the simulation serves go to any host, and
 * when the instance's host is gone its next order fails with
 * {@code INSTANCE_HOST_UNAVAILABLE} and {@code instanceUsable=false} instead of waiting
 * forever.
 */
@RealInfrastructure
class PlacementIntegrationTest {

	private static final Duration REAL_ORDER = Duration.ofMinutes(2);

	private static final Path BINARIES = Path.of("target", "local-engine-binaries").toAbsolutePath();

	@RegisterExtension
	static final ProvisionerTopics topics = new ProvisionerTopics();

	@TempDir
	static Path hosts;

	@Test
	void eachHostActsOnlyOnItsOwnInstancesAndADeadHostsNextOrderFailsVisibly(PipelineEnvironment env)
			throws IOException {
		JdbcClient jdbc = JdbcClient.create(env.dataSource());
		ProvisionerInstance a = ProvisionerInstance.start(env, "worker-a", host("host-a", 25800));
		try (ProvisionerInstance b = ProvisionerInstance.start(env, "worker-b", host("host-b", 25820))) {
			OrderPlaced create = Orders.aCreate()
				.setDatabaseType(DatabaseType.POSTGRESQL)
				.setDatabaseVersion("17")
				.setTrustedSources(List.of("127.0.0.2/32"))
				.build();
			topics.place(create);
			assertThat(topics.awaitTerminal(create.getOrderId(), REAL_ORDER).getStatus()).isEqualTo(OrderStatus.DONE);
			String home = placementOf(jdbc, create);
			assertThat(home).isIn("host-a", "host-b");
			String other = home.equals("host-a") ? "host-b" : "host-a";

			OrderPlaced update = Orders.anUpdate(create, 2, Orders.changes(null, null, List.of("127.0.0.4/32")))
				.build();
			topics.place(update);

			OrderStatusChanged updated = topics.awaitTerminal(update.getOrderId(), REAL_ORDER);
			assertThat(updated.getStatus()).as(String.valueOf(updated.getFailure())).isEqualTo(OrderStatus.DONE);
			assertThat(placementOf(jdbc, update)).isEqualTo(home);
			assertThat(instanceDirectories(home)).hasSize(1);
			assertThat(instanceDirectories(other)).as("the other host never acted on the instance").isEmpty();

			OrderPlaced simulated = Orders.aCreate().setDatabaseType(DatabaseType.MYSQL).build();
			topics.place(simulated);
			assertThat(topics.awaitTerminal(simulated.getOrderId(), REAL_ORDER).getStatus())
				.isEqualTo(OrderStatus.DONE);
			assertThat(placementOf(jdbc, simulated)).as("the simulation is not host-bound").isNull();

			(home.equals("host-a") ? a : b).crash();
			ProvisionerInstance survivor = home.equals("host-a") ? b : a;
			OrderPlaced delete = Orders.aDelete(update, 3).build();
			topics.place(delete);

			OrderStatusChanged failed = topics.awaitTerminal(delete.getOrderId(), Duration.ofSeconds(60));
			assertThat(failed.getStatus()).isEqualTo(OrderStatus.FAILED);
			assertThat(failed.getOrderType()).isEqualTo(OrderType.DELETE);
			assertThat(failed.getFailure().getCode()).isEqualTo("INSTANCE_HOST_UNAVAILABLE");
			assertThat(failed.getFailure().getMessage()).contains(home).contains(create.getInstanceId());
			assertThat(failed.getInstanceUsable()).isFalse();
			assertThat(instanceDirectories(other)).as("the survivor did not act on it").isEmpty();
			assertThat(instanceDirectories(home)).as("the dead host's data is untouched").hasSize(1);
			survivor.close();
		}
		finally {
			a.close();
		}
	}

	private static Map<String, String> host(String hostId, int firstPort) {
		return Map.ofEntries(entry("provisioner.backend", "local"), entry("provisioner.placement.host-id", hostId),
				entry("provisioner.placement.host-timeout", "3s"),
				entry("provisioner.local.base-directory", hosts.resolve(hostId).toString()),
				entry("provisioner.local.binaries-directory", BINARIES.toString()),
				entry("provisioner.local.first-port", Integer.toString(firstPort)),
				entry("provisioner.local.last-port", Integer.toString(firstPort + 9)),
				entry("provisioner.simulation.step-latency", "20ms"),
				entry("provisioner.workers.poll-interval", "20ms"), entry("provisioner.workers.lease-duration", "2s"),
				entry("provisioner.workers.heartbeat-interval", "500ms"),
				entry("provisioner.workers.deadline-sweep-interval", "500ms"),
				entry("provisioner.workers.shutdown-grace", "5s"), entry("provisioner.outbox.poll-interval", "20ms"));
	}

	private static String placementOf(JdbcClient jdbc, OrderPlaced order) {
		return jdbc.sql("SELECT placement_host FROM provisioning_job WHERE order_id = :orderId")
			.param("orderId", order.getOrderId())
			.query((rs, n) -> rs.getString(1))
			.list()
			.get(0);
	}

	private static List<Path> instanceDirectories(String hostId) throws IOException {
		Path instances = hosts.resolve(hostId).resolve("instances");
		if (!Files.isDirectory(instances)) {
			return List.of();
		}
		try (Stream<Path> list = Files.list(instances)) {
			return list.filter((path) -> !path.getFileName().toString().startsWith(".")).toList();
		}
	}

}
