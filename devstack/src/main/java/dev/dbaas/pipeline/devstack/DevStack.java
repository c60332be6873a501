package dev.dbaas.pipeline.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.dbaas.pipeline.devstack.portal.PortalServer;
import dev.dbaas.pipeline.intake.OrderIntakeApplication;
import dev.dbaas.pipeline.localinfra.FileTree;
import dev.dbaas.pipeline.localinfra.FreePorts;
import dev.dbaas.pipeline.localinfra.KraftBroker;
import dev.dbaas.pipeline.localinfra.PostgresServer;
import dev.dbaas.pipeline.provisioner.ProvisionerApplication;
import dev.dbaas.pipeline.schemas.Topics;
import dev.dbaas.pipeline.security.local.LocalTokenIssuer;
import dev.dbaas.pipeline.status.StatusServiceApplication;

/**
 * The local launcher. Starts a real Kafka broker (KRaft) and a real PostgreSQL, creates
 * the topics and one database per service, then runs order-intake, the provisioner and
 * status-service in this JVM, each in its own Spring application context, and serves the
 * portal pages in front of them.
 *
 * <p>
 * The APIs want bearer tokens: the launcher keeps a local RSA signing key (in
 * {@code --data-dir}, else in the temporary directory), makes the services trust it
 * ({@link LocalTokenIssuer#serviceProperties()}) and signs the portal's token with it;
 * {@code devstack.jar token} prints more.
 *
 * <p>
 * {@link #close()} stops everything in reverse order; a temporary data directory is
 * removed.
 */
public final class DevStack implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(DevStack.class);

	private final DevStackOptions options;

	private final Path dataDir;

	private final boolean temporaryData;

	private final PostgresServer postgres;

	private final KraftBroker kafka;

	private final LocalTokenIssuer tokens;

	private final List<ConfigurableApplicationContext> services = new ArrayList<>();

	private @Nullable PortalServer portal;

	private Duration startup = Duration.ZERO;

	private DevStack(DevStackOptions options, Path dataDir, boolean temporaryData, PostgresServer postgres,
			KraftBroker kafka, LocalTokenIssuer tokens) {
		this.options = options;
		this.tokens = tokens;
		this.dataDir = dataDir;
		this.temporaryData = temporaryData;
		this.postgres = postgres;
		this.kafka = kafka;
	}

	public static void main(String[] args) throws InterruptedException {
		if (args.length > 0 && args[0].equals("token")) {
			printToken(List.of(args).subList(1, args.length));
			return;
		}
		DevStackOptions options;
		try {
			if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
				System.out.println(DevStackOptions.USAGE);
				return;
			}
			options = DevStackOptions.parse(List.of(args));
		}
		catch (IllegalArgumentException ex) {
			System.err.println("devstack: " + ex.getMessage());
			System.err.println(DevStackOptions.USAGE);
			System.exit(2);
			return;
		}
		DevStack stack;
		try {
			stack = start(options);
		}
		catch (RuntimeException ex) {
			log.error("devstack failed to start: {}", ex.getMessage(), ex);
			System.exit(1);
			return;
		}
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			System.out.println("\nStopping devstack ...");
			stack.close();
			stopped.countDown();
		}, "devstack-shutdown"));
		System.out.println(stack.banner());
		stopped.await();
	}

	private static void printToken(List<String> args) {
		if (args.contains("--help") || args.contains("-h")) {
			System.out.println(TokenCommand.USAGE);
			return;
		}
		try {
			System.out.println(TokenCommand.parse(args).token());
		}
		catch (IllegalArgumentException ex) {
			System.err.println("devstack token: " + ex.getMessage());
			System.err.println(TokenCommand.USAGE);
			System.exit(2);
		}
	}

	/**
	 * Where the launcher keeps its token signing key.
	 * @param dataDir the {@code --data-dir}, or {@code null}
	 * @return {@code <data-dir>/keys}, or a fixed directory in the temporary directory
	 * that outlives a stack without data directory, so that {@code token} finds it
	 */
	static Path keyDirectory(@Nullable Path dataDir) {
		return (dataDir != null) ? dataDir.resolve("keys") : Path.of(System.getProperty("java.io.tmpdir"),
				"dbaas-devstack-keys-" + System.getProperty("user.name"));
	}

	/**
	 * Starts the whole pipeline.
	 * @param options ports, data directory and service properties
	 * @return the running stack
	 */
	public static DevStack start(DevStackOptions requested) {
		useOneLoggingConfiguration();
		long began = System.nanoTime();
		DevStackOptions options = requested.withPorts(requested.kafkaPort(), requested.postgresPort(),
				FreePorts.orAny(requested.intakePort()), FreePorts.orAny(requested.provisionerPort()),
				FreePorts.orAny(requested.statusPort()));
		boolean temporary = options.dataDir() == null;
		Path dataDir = createDataDir(options.dataDir());
		PostgresServer postgres = PostgresServer
			.create(dataDir.resolve("postgres"), portOrFree(options.postgresPort(), "PostgreSQL", "--postgres-port"),
					options.durable())
			.registerShutdownHook(false);
		KraftBroker kafka = KraftBroker.create(dataDir.resolve("kafka"),
				portOrFree(options.kafkaPort(), "Kafka", "--kafka-port"), Map.of());
		CompletableFuture<Void> postgresStarted = CompletableFuture.runAsync(() -> {
			postgres.start();
			List.of("intake", "provisioner", "status").forEach(postgres::createDatabase);
		});
		CompletableFuture<Void> kafkaStarted = CompletableFuture.runAsync(() -> {
			kafka.start();
			kafka.createTopics(Topics.all());
		});
		try {
			CompletableFuture.allOf(postgresStarted, kafkaStarted).join();
		}
		catch (CompletionException ex) {
			kafka.stop();
			postgres.stop();
			throw new IllegalStateException("Infrastructure did not start: " + ex.getCause().getMessage(),
					ex.getCause());
		}
		LocalTokenIssuer tokens = LocalTokenIssuer.inDirectory(keyDirectory(options.dataDir()));
		DevStack stack = new DevStack(options, dataDir, temporary, postgres, kafka, tokens);
		try {
			stack.startServices();
			stack.portal = PortalServer.start(options.portalPort(),
					URI.create("http://localhost:" + options.intakePort()),
					URI.create("http://localhost:" + options.statusPort()), new RenewingToken(tokens));
		}
		catch (RuntimeException ex) {
			stack.close();
			throw ex;
		}
		stack.startup = Duration.ofNanos(System.nanoTime() - began);
		return stack;
	}

	private void startServices() {
		CompletableFuture<ConfigurableApplicationContext> status = CompletableFuture.supplyAsync(
				() -> run(StatusServiceApplication.class, "status-service", this.options.statusPort(), "status"));
		CompletableFuture<ConfigurableApplicationContext> provisioner = CompletableFuture.supplyAsync(
				() -> run(ProvisionerApplication.class, "provisioner", this.options.provisionerPort(), "provisioner"));
		CompletableFuture<ConfigurableApplicationContext> intake = CompletableFuture
			.supplyAsync(() -> run(OrderIntakeApplication.class, "order-intake", this.options.intakePort(), "intake"));
		List<Throwable> failures = new ArrayList<>();
		for (CompletableFuture<ConfigurableApplicationContext> service : List.of(status, provisioner, intake)) {
			try {
				this.services.add(service.join());
			}
			catch (CompletionException ex) {
				failures.add(ex.getCause());
			}
		}
		if (!failures.isEmpty()) {
			IllegalStateException failure = new IllegalStateException(
					"A service did not start: " + failures.get(0).getMessage(), failures.get(0));
			failures.stream().skip(1).forEach(failure::addSuppressed);
			throw failure;
		}
	}

	private ConfigurableApplicationContext run(Class<?> application, String name, int port, String database) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("spring.application.name", name);
		properties.put("server.port", String.valueOf(port));
		properties.put("spring.main.banner-mode", "off");
		properties.put("spring.kafka.bootstrap-servers", this.kafka.bootstrapServers());
		properties.put("spring.datasource.url", this.postgres.jdbcUrl(database));
		properties.put("spring.datasource.username", PostgresServer.USER);
		properties.put("spring.datasource.password", PostgresServer.PASSWORD);
		properties.put("intake.status-base-url", "http://localhost:" + this.options.statusPort());
		properties.putAll(this.tokens.serviceProperties());
		properties.putAll(this.options.serviceProperties());
		// Command-line arguments outrank the services' own @PropertySource defaults.
		String[] args = properties.entrySet()
			.stream()
			.map((entry) -> "--" + entry.getKey() + "=" + entry.getValue())
			.toArray(String[]::new);
		return new SpringApplicationBuilder(application).registerShutdownHook(false).run(args);
	}

	/**
	 * What the launcher prints when everything is ready.
	 * @return URLs and an example order as a curl command
	 */
	public String banner() {
		String intake = "http://localhost:" + this.options.intakePort();
		String status = "http://localhost:" + this.options.statusPort();
		String portal = portalUrl().toString();
		return """

				================================================================================
				 DBaaS order pipeline is up (%d ms)
				================================================================================
				 Portal          %s  (order wizard; order status: %sstatus.html)
				 order-intake    %s      (catalog: %s/v1/catalog, API docs: %s/swagger-ui.html)
				 provisioner     http://localhost:%d/actuator/health
				 status-service  %s      (API docs: %s/swagger-ui.html)
				 Kafka           %s
				 PostgreSQL      %s  (databases intake, provisioner, status; user postgres)
				 Data            %s%s

				 Place an example order (the token is customer c-1001's for 12 hours; more with
				 java -jar devstack/target/devstack.jar token --customer=ID%s):

				 TOKEN=%s
				 curl -si %s/v1/orders \\
				   -H "Authorization: Bearer $TOKEN" \\
				   -H 'Content-Type: application/json' \\
				   -H "Idempotency-Key: $(uuidgen 2>/dev/null || date +%%s%%N)" \\
				   -d '%s'

				 Then follow it: curl -s -H "Authorization: Bearer $TOKEN" %s/v1/orders/<orderId>
				 (Ctrl-C stops everything)
				================================================================================
				""".formatted(this.startup.toMillis(), portal, portal, intake, intake, intake,
				this.options.provisionerPort(), status, status, this.kafka.bootstrapServers(),
				this.postgres.jdbcUrl(""), this.dataDir, this.temporaryData ? " (temporary, removed on exit)" : "",
				this.temporaryData ? "" : " --data-dir=" + this.dataDir,
				this.tokens.customerToken("c-1001", Duration.ofHours(12)), intake, ExampleOrder.JSON, status);
	}

	/**
	 * Where a browser finds the portal.
	 * @return the portal's URL, e.g. {@code http://localhost:8080/}
	 * @throws IllegalStateException after {@link #close()}
	 */
	public URI portalUrl() {
		PortalServer running = this.portal;
		if (running == null) {
			throw new IllegalStateException("The portal is not running");
		}
		return running.url();
	}

	/**
	 * How long the start took.
	 * @return start-up duration
	 */
	public Duration startup() {
		return this.startup;
	}

	/**
	 * The issuer whose tokens the stack's services accept.
	 * @return the local token issuer
	 */
	public LocalTokenIssuer tokens() {
		return this.tokens;
	}

	/**
	 * The Kafka broker of the stack.
	 * @return the broker
	 */
	public KraftBroker kafka() {
		return this.kafka;
	}

	/**
	 * The PostgreSQL server of the stack.
	 * @return the server
	 */
	public PostgresServer postgres() {
		return this.postgres;
	}

	@Override
	public void close() {
		PortalServer running = this.portal;
		if (running != null) {
			running.close();
			this.portal = null;
		}
		for (int i = this.services.size() - 1; i >= 0; i--) {
			try {
				this.services.get(i).close();
			}
			catch (RuntimeException ex) {
				log.warn("Service did not stop cleanly: {}", ex.getMessage());
			}
		}
		this.services.clear();
		this.kafka.stop();
		this.postgres.stop();
		if (this.temporaryData) {
			FileTree.deleteQuietly(this.dataDir);
		}
	}

	private static Path createDataDir(@Nullable Path requested) {
		try {
			if (requested == null) {
				return Files.createTempDirectory("devstack-");
			}
			return Files.createDirectories(requested);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create data directory " + requested, ex);
		}
	}

	/**
	 * The services share one Logback context. Letting each Spring application
	 * re-initialise it prints every line once per service and, when they start in
	 * parallel, races inside Logback's initialisation. So Spring Boot's logging system
	 * stays off and logback.xml configures logging once for the whole JVM.
	 */
	private static synchronized void useOneLoggingConfiguration() {
		System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
		if (!SLF4JBridgeHandler.isInstalled()) {
			SLF4JBridgeHandler.removeHandlersForRootLogger();
			SLF4JBridgeHandler.install();
		}
	}

	/**
	 * The options the stack runs with, free ports resolved.
	 * @return the options
	 */
	public DevStackOptions options() {
		PortalServer running = this.portal;
		return (running != null) ? this.options.withPortalPort(running.port()) : this.options;
	}

	private static int portOrFree(int port, String what, String option) {
		if (port == 0) {
			return 0;
		}
		if (FreePorts.isFree(port)) {
			return port;
		}
		int free = FreePorts.any();
		log.warn("Port {} is taken; {} listens on {} instead (set {} to choose)", port, what, free, option);
		return free;
	}

}
