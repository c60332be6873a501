package dev.dbaas.pipeline.devstack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import dev.dbaas.pipeline.intake.OrderIntakeApplication;
import dev.dbaas.pipeline.localinfra.PostgresServer;
import dev.dbaas.pipeline.provisioner.ProvisionerApplication;
import dev.dbaas.pipeline.security.local.LocalTokenIssuer;
import dev.dbaas.pipeline.status.StatusServiceApplication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The three services in this JVM, each in its own Spring application context, started in
 * parallel against the stack's Kafka and PostgreSQL. Each gets its name, port and address
 * to listen on ({@code --bind}, loopback by default), database, the local token issuer's
 * settings and the {@code --service-property} values as command line arguments, which
 * outrank the services' own {@code @PropertySource} defaults. {@link #close()} stops them
 * in reverse order of start.
 *
 * <p>
 * Not thread-safe; started and closed by the launcher.
 */
final class PipelineServices implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(PipelineServices.class);

	private final List<ConfigurableApplicationContext> running = new ArrayList<>();

	private PipelineServices() {
	}

	/**
	 * Starts status-service, the provisioner and order-intake.
	 * @param options ports and service properties, free ports resolved
	 * @param infrastructure the stack's Kafka and PostgreSQL
	 * @param tokens the issuer the services trust
	 * @param dataPlane the launcher's backend, key and trusted-source settings
	 * @return the running services
	 * @throws IllegalStateException if a service did not start (the others are stopped;
	 * further failures are suppressed exceptions)
	 */
	static PipelineServices start(DevStackOptions options, LocalInfrastructure infrastructure, LocalTokenIssuer tokens,
			LocalDataPlane dataPlane) {
		PipelineServices services = new PipelineServices();
		String kafka = infrastructure.kafka().bootstrapServers();
		PostgresServer postgres = infrastructure.postgres();
		CompletableFuture<ConfigurableApplicationContext> status = CompletableFuture
			.supplyAsync(() -> run(StatusServiceApplication.class, arguments("status-service", options.statusPort(),
					postgres.jdbcUrl("status"), kafka, tokens, dataPlane, options)));
		CompletableFuture<ConfigurableApplicationContext> provisioner = CompletableFuture
			.supplyAsync(() -> run(ProvisionerApplication.class, arguments("provisioner", options.provisionerPort(),
					postgres.jdbcUrl("provisioner"), kafka, tokens, dataPlane, options)));
		CompletableFuture<ConfigurableApplicationContext> intake = CompletableFuture
			.supplyAsync(() -> run(OrderIntakeApplication.class, arguments("order-intake", options.intakePort(),
					postgres.jdbcUrl("intake"), kafka, tokens, dataPlane, options)));
		List<Throwable> failures = new ArrayList<>();
		for (CompletableFuture<ConfigurableApplicationContext> service : List.of(status, provisioner, intake)) {
			try {
				services.running.add(service.join());
			}
			catch (CompletionException ex) {
				failures.add(ex.getCause());
			}
		}
		if (!failures.isEmpty()) {
			services.close();
			IllegalStateException failure = new IllegalStateException(
					"A service did not start: " + failures.get(0).getMessage(), failures.get(0));
			failures.stream().skip(1).forEach(failure::addSuppressed);
			throw failure;
		}
		return services;
	}

	/**
	 * The command line arguments of one service.
	 * @param name {@code spring.application.name}
	 * @param port {@code server.port}
	 * @param jdbcUrl its database
	 * @param bootstrapServers the stack's Kafka
	 * @param tokens the issuer the service trusts
	 * @param dataPlane the launcher's backend, key and trusted-source settings, applied
	 * before the {@code --service-property} values
	 * @param options the address to listen on, the status-service port (for
	 * order-intake's links) and the {@code --service-property} values, which are applied
	 * last
	 * @return {@code --key=value} arguments
	 */
	static String[] arguments(String name, int port, String jdbcUrl, String bootstrapServers, LocalTokenIssuer tokens,
			LocalDataPlane dataPlane, DevStackOptions options) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("spring.application.name", name);
		properties.put("server.port", String.valueOf(port));
		properties.put("server.address", options.bindAddress());
		properties.put("spring.main.banner-mode", "off");
		properties.put("spring.kafka.bootstrap-servers", bootstrapServers);
		properties.put("spring.datasource.url", jdbcUrl);
		properties.put("spring.datasource.username", PostgresServer.USER);
		properties.put("spring.datasource.password", PostgresServer.PASSWORD);
		properties.put("intake.status-base-url", "http://" + options.serviceHost() + ":" + options.statusPort());
		properties.putAll(tokens.serviceProperties());
		properties.putAll(dataPlane.properties());
		properties.putAll(options.serviceProperties());
		return properties.entrySet()
			.stream()
			.map((entry) -> "--" + entry.getKey() + "=" + entry.getValue())
			.toArray(String[]::new);
	}

	private static ConfigurableApplicationContext run(Class<?> application, String[] arguments) {
		return new SpringApplicationBuilder(application).registerShutdownHook(false).run(arguments);
	}

	@Override
	public void close() {
		for (int i = this.running.size() - 1; i >= 0; i--) {
			try {
				this.running.get(i).close();
			}
			catch (RuntimeException ex) {
				log.warn("Service did not stop cleanly: {}", ex.getMessage());
			}
		}
		this.running.clear();
	}

}
