package dev.dbaas.pipeline.systemtests.faults.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import dev.dbaas.pipeline.localinfra.FileTree;
import dev.dbaas.pipeline.localinfra.FreePorts;
import dev.dbaas.pipeline.localinfra.KraftBroker;
import dev.dbaas.pipeline.localinfra.PostgresServer;
import dev.dbaas.pipeline.schemas.Topics;
import dev.dbaas.pipeline.security.local.LocalTokenIssuer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline the scenarios break: Kafka in this JVM (one KRaft broker, or a replicated
 * cluster of three brokers), PostgreSQL as child processes (the test kit's servers, with
 * their data kept so that both can restart), and order-intake, the provisioner and
 * status-service each as a child JVM started from its runnable jar.
 *
 * <p>
 * One single-broker stack serves most scenarios of a test JVM ({@link #shared()}); the
 * replicated scenarios share another ({@link #replicated()}), which they stop when they
 * are done ({@link #stopReplicated()}). Scenarios tell their orders apart by customer id
 * and call {@link #ensureRunning()} first, which restarts whatever an earlier scenario
 * left broken. A shutdown hook kills every process the stacks started.
 *
 * <p>
 * Not thread-safe: scenarios drive it from the test thread.
 */
public final class FaultStack implements PipelineUnderTest {

	private static final Logger log = LoggerFactory.getLogger(FaultStack.class);

	/**
	 * How long a service may take to start on a busy two-core machine: order-intake once
	 * took 161 s beside a replicated Kafka and other engineers' builds (load average 25).
	 */
	public static final Duration START_TIMEOUT = Duration.ofSeconds(300);

	/**
	 * PostgreSQL flushes every commit, as in production. Without it (the test kit's
	 * default, {@code synchronous_commit=off}) an immediate shutdown loses commits that
	 * were already answered: scenario 2 once found an order answered 202, relayed and
	 * provisioned that was missing from order-intake's database after the restart.
	 */
	private static final boolean DURABLE = true;

	private static @Nullable FaultStack shared;

	private static @Nullable FaultStack replicated;

	private final Path dataDir;

	private final Path output;

	private final Path logDir;

	/** The broker of a single-broker stack; {@code null} in a replicated one. */
	private final @Nullable KraftBroker kafka;

	/**
	 * The cluster of a replicated stack, once started; {@code null} in a single-broker
	 * one.
	 */
	private @Nullable ReplicatedKafka cluster;

	private final int postgresPort;

	private PostgresServer postgres;

	private final LocalTokenIssuer tokens;

	private final String bearerToken;

	private final Map<Service, Integer> ports = new EnumMap<>(Service.class);

	private final Map<Service, ServiceProcess> primaries = new EnumMap<>(Service.class);

	private final Map<String, ServiceProcess> extras = new ConcurrentHashMap<>();

	private final List<ServiceProcess> everyProcess = new ArrayList<>();

	private volatile boolean destroyed;

	private FaultStack(Path dataDir, Path output, Path logDir, boolean replicatedKafka) {
		this.dataDir = dataDir;
		this.output = output;
		this.logDir = logDir;
		this.kafka = replicatedKafka ? null : KraftBroker.create(dataDir.resolve("kafka"), 0, Map.of());
		this.tokens = LocalTokenIssuer.inDirectory(dataDir.resolve("keys"));
		this.bearerToken = clientToken(this.tokens);
		this.postgresPort = FreePorts.any();
		this.postgres = PostgresServer.create(dataDir.resolve("postgres"), this.postgresPort, DURABLE)
			.registerShutdownHook(false);
		for (Service service : Service.values()) {
			this.ports.put(service, FreePorts.any());
		}
	}

	/**
	 * The stack of this JVM, started on first use.
	 * @return the running stack
	 */
	public static synchronized FaultStack shared() {
		FaultStack stack = shared;
		if (stack == null) {
			stack = startNew(false);
			shared = stack;
		}
		stack.ensureRunning();
		return stack;
	}

	/**
	 * The stack on a replicated Kafka (one controller, three brokers; topics with
	 * replication factor 3 and {@code min.insync.replicas=2}), started on first use. Its
	 * services are given every broker's address. It runs beside {@link #shared()}, with
	 * its own PostgreSQL and services, until {@link #stopReplicated()}.
	 * @return the running stack
	 */
	public static synchronized FaultStack replicated() {
		FaultStack stack = replicated;
		if (stack == null) {
			stack = startNew(true);
			replicated = stack;
		}
		stack.ensureRunning();
		return stack;
	}

	/**
	 * Stops the replicated stack and deletes its data, so that the scenarios after it run
	 * on a machine as quiet as before; a later {@link #replicated()} starts a new one.
	 */
	public static synchronized void stopReplicated() {
		FaultStack stack = replicated;
		if (stack != null) {
			replicated = null;
			stack.destroy();
		}
	}

	private static FaultStack startNew(boolean replicatedKafka) {
		Path dataDir;
		try {
			dataDir = Files.createTempDirectory(replicatedKafka ? "fault-suite-replicated-" : "fault-suite-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Path logDir = outputDir().resolve(replicatedKafka ? Path.of("logs", "replicated") : Path.of("logs"));
		FaultStack stack = new FaultStack(dataDir, outputDir(), logDir, replicatedKafka);
		Runtime.getRuntime().addShutdownHook(new Thread(stack::destroy, "fault-stack-shutdown"));
		long started = System.nanoTime();
		CompletableFuture<Void> postgres = CompletableFuture.runAsync(stack::startPostgres);
		KraftBroker broker = stack.kafka;
		if (broker != null) {
			broker.start();
			broker.createTopics(Topics.all());
		}
		else {
			ReplicatedKafka cluster = ReplicatedKafka.start(dataDir.resolve("kafka"));
			stack.cluster = cluster;
			cluster.createTopics(Topics.all());
		}
		postgres.join();
		log.info("Fault stack infrastructure up in {} ms: Kafka {}, PostgreSQL port {}",
				TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), stack.bootstrapServers(),
				stack.postgresPort);
		return stack;
	}

	/**
	 * Where the suite writes its report and the services' logs.
	 * @return {@code target/fault-suite} when run by Maven
	 */
	public static Path outputDir() {
		return Path.of(System.getProperty("fault-suite.output", "target/fault-suite"));
	}

	/**
	 * Starts whatever is not running: Kafka (every broker), PostgreSQL, one instance of
	 * each service. Extra instances started by a scenario are stopped.
	 */
	public void ensureRunning() {
		refuseAfterShutdown();
		KraftBroker broker = this.kafka;
		if (broker != null && !broker.isRunning()) {
			broker.start();
		}
		ReplicatedKafka replicatedKafka = this.cluster;
		if (replicatedKafka != null) {
			replicatedKafka.stoppedBrokers().forEach(replicatedKafka::restartBroker);
		}
		if (!postgresAnswers()) {
			startPostgres();
		}
		this.extras.values().forEach(ServiceProcess::stop);
		this.extras.clear();
		List<ServiceProcess> starting = new ArrayList<>();
		for (Service service : Service.values()) {
			ServiceProcess process = this.primaries.get(service);
			if (process == null || !process.isAlive()) {
				starting.add(launch(service));
			}
		}
		starting.forEach((process) -> process.awaitHealthy(START_TIMEOUT));
	}

	/**
	 * Starts the primary instance of a service again (it must not run).
	 * @param service the service
	 * @return the new process, healthy
	 */
	public ServiceProcess restart(Service service) {
		ServiceProcess current = this.primaries.get(service);
		if (current != null && current.isAlive()) {
			throw new IllegalStateException(service + " still runs");
		}
		return launch(service).awaitHealthy(START_TIMEOUT);
	}

	/**
	 * Starts a service's primary instance without waiting for it to be healthy.
	 * @param service the service
	 * @return the starting process
	 */
	public ServiceProcess launch(Service service) {
		refuseAfterShutdown();
		ServiceProcess process = ServiceProcess.start(service.artifactId(), service.jar(), this.ports.get(service),
				properties(service, this.ports.get(service)), this.logDir);
		this.primaries.put(service, process);
		track(process);
		return process;
	}

	/**
	 * Starts one more instance of a service, on a port of its own.
	 * @param service the service
	 * @param name instance name, unique
	 * @return the starting process (not yet healthy)
	 */
	public ServiceProcess launchExtra(Service service, String name) {
		return launchExtra(service, name, Map.of());
	}

	/**
	 * Starts one more instance of a service, on a port of its own, with some properties
	 * changed (e.g. another provisioning backend).
	 * @param service the service
	 * @param name instance name, unique among the running extras
	 * @param overrides properties that replace or add to the stack's
	 * @return the starting process (not yet healthy)
	 */
	public ServiceProcess launchExtra(Service service, String name, Map<String, String> overrides) {
		refuseAfterShutdown();
		int port = FreePorts.any();
		Map<String, String> properties = properties(service, port);
		properties.putAll(overrides);
		ServiceProcess process = ServiceProcess.start(name, service.jar(), port, properties, this.logDir);
		this.extras.put(name, process);
		track(process);
		return process;
	}

	/**
	 * Forgets an extra instance that a scenario stopped itself.
	 * @param name the instance name
	 */
	public void forgetExtra(String name) {
		this.extras.remove(name);
	}

	private synchronized void track(ServiceProcess process) {
		this.everyProcess.add(process);
	}

	/**
	 * The primary instance of a service.
	 * @param service the service
	 * @return its process
	 */
	public ServiceProcess instance(Service service) {
		ServiceProcess process = this.primaries.get(service);
		if (process == null) {
			throw new IllegalStateException(service + " was never started");
		}
		return process;
	}

	private Map<String, String> properties(Service service, int port) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("server.port", String.valueOf(port));
		properties.put("spring.main.banner-mode", "off");
		properties.put("spring.kafka.bootstrap-servers", bootstrapServers());
		properties.put("spring.datasource.url", jdbcUrl(service));
		properties.put("spring.datasource.username", PostgresServer.USER);
		properties.put("spring.datasource.password", PostgresServer.PASSWORD);
		properties.putAll(this.tokens.serviceProperties());
		switch (service) {
			case ORDER_INTAKE -> {
				properties.put("intake.status-base-url", "http://127.0.0.1:" + this.ports.get(Service.STATUS_SERVICE));
				// Clients are told to come back after 1 s, so that outages are measured
				// in seconds.
				properties.put("intake.retry-after", "1s");
				// The scenarios measure faults, not the per-client rate limit.
				properties.put("intake.rate-limit.orders-per-period", "1000");
				// The local-backend scenario orders real databases for 127.0.0.2/32.
				properties.put("intake.trusted-sources.allow-loopback", "true");
			}
			case PROVISIONER -> {
				// Six steps of 150 ms: many provisionings are in flight at any time.
				properties.put("provisioner.simulation.step-latency", "150ms");
				// A killed instance's jobs are taken over after 5 s instead of 30 s.
				properties.put("provisioner.workers.lease-duration", "5s");
				properties.put("provisioner.workers.heartbeat-interval", "1s");
			}
			case STATUS_SERVICE -> {
			}
		}
		return properties;
	}

	/**
	 * JDBC URL of a service's database.
	 * @param service the service
	 * @return the URL
	 */
	public String jdbcUrl(Service service) {
		return this.postgres.jdbcUrl(service.database());
	}

	/**
	 * A non-pooling data source on a service's database, as the superuser.
	 * @param service the service
	 * @return the data source
	 */
	@Override
	public DataSource database(Service service) {
		return this.postgres.dataSource(service.database());
	}

	/**
	 * Kafka's bootstrap addresses: the broker's, or every broker's of a replicated stack.
	 * @return {@code host:port}, comma-separated if there are several
	 */
	@Override
	public String bootstrapServers() {
		KraftBroker broker = this.kafka;
		if (broker != null) {
			return broker.bootstrapServers();
		}
		return cluster().bootstrapServers();
	}

	/**
	 * The broker of a single-broker stack, for scenarios that stop and start it.
	 * @return the broker
	 * @throws IllegalStateException on a replicated stack
	 */
	public KraftBroker kafka() {
		KraftBroker broker = this.kafka;
		if (broker == null) {
			throw new IllegalStateException("A replicated stack has no single broker: use cluster()");
		}
		return broker;
	}

	/**
	 * The cluster of a replicated stack, for scenarios that stop and start its brokers.
	 * @return the cluster
	 * @throws IllegalStateException on a single-broker stack
	 */
	public ReplicatedKafka cluster() {
		ReplicatedKafka replicatedKafka = this.cluster;
		if (replicatedKafka == null) {
			throw new IllegalStateException("Not a replicated stack: use kafka()");
		}
		return replicatedKafka;
	}

	@Override
	public String bearerToken() {
		return this.bearerToken;
	}

	/**
	 * The token of the suite's clients: a portal-like service that places and reads
	 * orders of any customer, valid for longer than any run.
	 * @param tokens the issuer the services trust
	 * @return the compact JWT
	 */
	static String clientToken(LocalTokenIssuer tokens) {
		return tokens.serviceToken("fault-suite", List.of("orders:write", "orders:read"), Duration.ofHours(6));
	}

	/**
	 * order-intake's base URL.
	 * @return e.g. {@code http://127.0.0.1:40123}
	 */
	public String intakeUrl() {
		return "http://127.0.0.1:" + this.ports.get(Service.ORDER_INTAKE);
	}

	/**
	 * Where the suite writes its files.
	 * @return the output directory
	 */
	@Override
	public Path output() {
		return this.output;
	}

	/**
	 * An immediate shutdown, as {@code pg_ctl stop -m immediate}: PostgreSQL stops at
	 * once, without a checkpoint, as in a crash; the next start recovers from the
	 * write-ahead log.
	 */
	public void crashPostgres() {
		PostgresCrash.stopImmediately(this.dataDir.resolve("postgres"));
	}

	/** Starts PostgreSQL on the same data directory and port. */
	public void startPostgres() {
		refuseAfterShutdown();
		// Releases the embedded server's lock on the data directory; stopping a crashed
		// server only logs that pg_ctl found nothing to stop.
		this.postgres.stop();
		this.postgres = PostgresServer.create(this.dataDir.resolve("postgres"), this.postgresPort, DURABLE)
			.registerShutdownHook(false)
			.start();
		for (Service service : Service.values()) {
			this.postgres.createDatabase(service.database());
		}
	}

	private boolean postgresAnswers() {
		try (var connection = this.postgres.dataSource("postgres").getConnection()) {
			return connection.isValid(2);
		}
		catch (Exception ex) {
			return false;
		}
	}

	/**
	 * The test thread keeps running while the shutdown hook stops everything (e.g. after
	 * SIGTERM); it must not start servers again behind the hook's back.
	 */
	private void refuseAfterShutdown() {
		if (this.destroyed) {
			throw new IllegalStateException("The fault stack is shutting down");
		}
	}

	private synchronized void destroy() {
		if (this.destroyed) {
			return;
		}
		this.destroyed = true;
		for (ServiceProcess process : this.everyProcess) {
			if (process.isAlive()) {
				process.kill();
			}
		}
		// PostgreSQL first: it runs outside this JVM and would outlive it.
		this.postgres.stop();
		try {
			KraftBroker broker = this.kafka;
			if (broker != null) {
				broker.stop();
			}
			ReplicatedKafka replicatedKafka = this.cluster;
			if (replicatedKafka != null) {
				replicatedKafka.close();
			}
		}
		catch (RuntimeException ex) {
			log.warn("Kafka did not stop cleanly: {}", ex.toString());
		}
		FileTree.deleteQuietly(this.dataDir);
	}

}
