package dev.dbaas.pipeline.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.dbaas.pipeline.intake.OrderIntakeApplication;
import dev.dbaas.pipeline.provisioner.ProvisionerApplication;
import dev.dbaas.pipeline.schemas.Topics;
import dev.dbaas.pipeline.status.StatusServiceApplication;
import dev.dbaas.pipeline.testkit.FileTree;
import dev.dbaas.pipeline.testkit.KraftBroker;
import dev.dbaas.pipeline.testkit.PostgresServer;

/**
 * The whole pipeline in this JVM, as the launcher runs it, but with a <em>durable</em>
 * PostgreSQL (fsync, synchronous_commit and full_page_writes on): the launcher's
 * PostgreSQL is tuned for development, and the baselines must run on the same server as
 * the pipeline. Free ports, temporary data removed on {@link #close()}.
 */
final class BenchStack implements AutoCloseable {

	/** Service settings for the bench: an instant simulated backend, rebuild allowed. */
	static final Map<String, String> SERVICE_PROPERTIES = Map.of("provisioner.simulation.step-latency", "0ms",
			"management.endpoint.rebuild.access", "unrestricted", "spring.main.banner-mode", "off");

	private final Path dataDir;

	private final PostgresServer postgres;

	private final KraftBroker kafka;

	private final List<ConfigurableApplicationContext> services = new ArrayList<>();

	private final Map<String, Integer> ports = new LinkedHashMap<>();

	private BenchStack(Path dataDir, PostgresServer postgres, KraftBroker kafka) {
		this.dataDir = dataDir;
		this.postgres = postgres;
		this.kafka = kafka;
	}

	static BenchStack start() {
		Path dataDir;
		try {
			dataDir = Files.createTempDirectory("bench-stack-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		PostgresServer postgres = PostgresServer.create(dataDir.resolve("postgres"), 0, true)
			.registerShutdownHook(false);
		KraftBroker kafka = KraftBroker.create(dataDir.resolve("kafka"), 0, Map.of());
		BenchStack stack = new BenchStack(dataDir, postgres, kafka);
		try {
			CompletableFuture.allOf(CompletableFuture.runAsync(() -> {
				postgres.start();
				List.of("intake", "provisioner", "status").forEach(postgres::createDatabase);
			}), CompletableFuture.runAsync(() -> {
				kafka.start();
				kafka.createTopics(Topics.all());
			})).join();
			int statusPort = freePort();
			int intakePort = freePort();
			stack.ports.put("status", statusPort);
			stack.ports.put("intake", intakePort);
			List<CompletableFuture<ConfigurableApplicationContext>> starting = List.of(
					CompletableFuture.supplyAsync(
							() -> stack.run(StatusServiceApplication.class, "status-service", statusPort, "status")),
					CompletableFuture
						.supplyAsync(() -> stack.run(ProvisionerApplication.class, "provisioner", 0, "provisioner")),
					CompletableFuture.supplyAsync(
							() -> stack.run(OrderIntakeApplication.class, "order-intake", intakePort, "intake")));
			for (CompletableFuture<ConfigurableApplicationContext> service : starting) {
				stack.services.add(service.join());
			}
			return stack;
		}
		catch (RuntimeException ex) {
			stack.close();
			throw ex;
		}
	}

	private ConfigurableApplicationContext run(Class<?> application, String name, int port, String database) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("spring.application.name", name);
		properties.put("server.port", String.valueOf(port));
		properties.put("spring.kafka.bootstrap-servers", this.kafka.bootstrapServers());
		properties.put("spring.datasource.url", this.postgres.jdbcUrl(database));
		properties.put("spring.datasource.username", PostgresServer.USER);
		properties.put("spring.datasource.password", PostgresServer.PASSWORD);
		properties.put("intake.status-base-url", statusUrl());
		properties.putAll(SERVICE_PROPERTIES);
		return new SpringApplicationBuilder(application).registerShutdownHook(false)
			.run(properties.entrySet()
				.stream()
				.map((entry) -> "--" + entry.getKey() + "=" + entry.getValue())
				.toArray(String[]::new));
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	String intakeUrl() {
		return "http://127.0.0.1:" + this.ports.get("intake");
	}

	String statusUrl() {
		return "http://127.0.0.1:" + this.ports.get("status");
	}

	String bootstrapServers() {
		return this.kafka.bootstrapServers();
	}

	String jdbcUrl() {
		return this.postgres.jdbcUrl("postgres");
	}

	@Override
	public void close() {
		for (int i = this.services.size() - 1; i >= 0; i--) {
			try {
				this.services.get(i).close();
			}
			catch (RuntimeException ex) {
				System.err.println("bench: a service did not stop cleanly: " + ex.getMessage());
			}
		}
		this.services.clear();
		this.kafka.stop();
		this.postgres.stop();
		FileTree.deleteQuietly(this.dataDir);
	}

}
