package dev.dbaas.pipeline.systemtests.faults.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import dev.dbaas.pipeline.localinfra.FileTree;
import dev.dbaas.pipeline.localinfra.FreePorts;
import dev.dbaas.pipeline.localinfra.PostgresServer;
import dev.dbaas.pipeline.security.local.LocalTokenIssuer;
import org.jspecify.annotations.Nullable;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local launcher ({@code devstack.jar}) as a child process with {@code --data-dir}:
 * Kafka and the three services in its JVM, its own PostgreSQL as a server it started (in
 * {@code <data-dir>/postgres}), all on fixed ports so that a restart on the same data
 * directory is the same stack. The provisioner runs the launcher's default, the real
 * local backend: PostgreSQL and MariaDB orders get real servers in
 * {@code <data-dir>/instances} (the customer databases), MySQL and CouchDB orders the
 * simulation.
 *
 * <p>
 * Not thread-safe.
 */
public final class LauncherProcess implements PipelineUnderTest, AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(LauncherProcess.class);

	/**
	 * Kafka, PostgreSQL and three services start in one JVM: on a loaded two-core machine
	 * that took more than {@link FaultStack#START_TIMEOUT} (PostgreSQL 23 s, Kafka 37 s,
	 * services still starting after 2 min).
	 */
	private static final Duration START_TIMEOUT = Duration.ofMinutes(5);

	private final Path dataDir;

	private final Path output;

	private final int kafkaPort = FreePorts.any();

	private final int postgresPort = FreePorts.any();

	private final int intakePort = FreePorts.any();

	private final int provisionerPort = FreePorts.any();

	private final int statusPort = FreePorts.any();

	private final Thread cleanup = new Thread(this::close, "launcher-cleanup");

	private final String bearerToken;

	private @Nullable ServiceProcess process;

	private int starts;

	public LauncherProcess(Path output) {
		this.output = output;
		try {
			this.dataDir = Files.createTempDirectory("fault-suite-launcher-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		// The launcher keeps its signing key in <data-dir>/keys and finds this one there.
		this.bearerToken = FaultStack.clientToken(LocalTokenIssuer.inDirectory(this.dataDir.resolve("keys")));
		Runtime.getRuntime().addShutdownHook(this.cleanup);
	}

	/**
	 * Starts the launcher on the data directory and waits until order-intake answers (the
	 * launcher starts the three services side by side).
	 * @return this launcher
	 */
	public LauncherProcess start() {
		Map<String, String> options = new LinkedHashMap<>();
		options.put("data-dir", this.dataDir.toString());
		options.put("kafka-port", String.valueOf(this.kafkaPort));
		options.put("postgres-port", String.valueOf(this.postgresPort));
		options.put("intake-port", String.valueOf(this.intakePort));
		options.put("provisioner-port", String.valueOf(this.provisionerPort));
		options.put("status-port", String.valueOf(this.statusPort));
		options.put("portal-port", "0");
		// Without it a crash may lose the last commits, as the launcher's help says.
		options.put("durable", "true");
		// The launcher's default backend: real servers for PostgreSQL (and MariaDB),
		// the simulation for MySQL and CouchDB.
		options.put("backend", "local");
		options.put("provisioner.local.max-instances", "8");
		options.put("provisioner.simulation.step-latency", "150ms");
		options.put("provisioner.workers.lease-duration", "5s");
		options.put("provisioner.workers.heartbeat-interval", "1s");
		options.put("intake.retry-after", "1s");
		options.put("intake.rate-limit.orders-per-period", "1000");
		this.starts++;
		ServiceProcess launcher = ServiceProcess.start("devstack-" + this.starts, Service.jarOf("devstack"), "1g",
				this.intakePort, options, this.output.resolve("logs"));
		this.process = launcher;
		launcher.awaitHealthy(START_TIMEOUT);
		return this;
	}

	/**
	 * The launcher crashes: {@code kill -9} of its JVM (Kafka and the three services) and
	 * nothing else, as an out-of-memory kill or a closed terminal does. Returns once the
	 * JVM is gone; what it started is left to the product.
	 */
	public void crash() {
		ServiceProcess launcher = this.process;
		if (launcher != null && launcher.isAlive()) {
			launcher.kill();
		}
	}

	/**
	 * A clean stop: SIGTERM, as Ctrl-C; {@code kill -9} after 30 s.
	 */
	public void stop() {
		ServiceProcess launcher = this.process;
		if (launcher != null && launcher.isAlive()) {
			launcher.stop();
		}
	}

	/**
	 * The launcher's own PostgreSQL, from the process table: the live postmaster of
	 * {@code <data-dir>/postgres}.
	 * @return its process, empty if none runs
	 */
	public Optional<ProcessHandle> ownPostgres() {
		return CustomerDatabases.postmastersBelow(ownPostgresDirectory())
			.stream()
			.findFirst()
			.flatMap(ProcessHandle::of);
	}

	/**
	 * Live postmasters of the launcher's own PostgreSQL directory.
	 * @return their process ids (one while the launcher runs)
	 */
	public List<Long> ownPostgresProcesses() {
		return CustomerDatabases.postmastersBelow(ownPostgresDirectory());
	}

	/**
	 * Live postmasters of the customer databases ({@code <data-dir>/instances}).
	 * @return their process ids
	 */
	public List<Long> customerDatabaseProcesses() {
		return CustomerDatabases.postmastersBelow(this.dataDir.resolve("instances"));
	}

	/**
	 * The customer databases of the real local backend.
	 * @return the databases below {@code <data-dir>/instances} (the backend's base
	 * directory)
	 */
	public CustomerDatabases customerDatabases() {
		return new CustomerDatabases(this.dataDir.resolve("instances"));
	}

	/**
	 * The log of the latest start.
	 * @return the log file
	 */
	public Path log() {
		return this.output.resolve("logs").resolve("devstack-" + this.starts + ".log");
	}

	/**
	 * Kafka's client port (fixed across restarts).
	 * @return the port
	 */
	public int kafkaPort() {
		return this.kafkaPort;
	}

	private Path ownPostgresDirectory() {
		return this.dataDir.resolve("postgres");
	}

	/**
	 * order-intake's base URL.
	 * @return the URL
	 */
	public String intakeUrl() {
		return "http://127.0.0.1:" + this.intakePort;
	}

	@Override
	public String bearerToken() {
		return this.bearerToken;
	}

	@Override
	public String bootstrapServers() {
		return "127.0.0.1:" + this.kafkaPort;
	}

	@Override
	public DataSource database(Service service) {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setURL("jdbc:postgresql://127.0.0.1:" + this.postgresPort + "/" + service.database());
		dataSource.setUser(PostgresServer.USER);
		dataSource.setPassword(PostgresServer.PASSWORD);
		return dataSource;
	}

	@Override
	public Path output() {
		return this.output;
	}

	/**
	 * Stops the launcher cleanly if it runs and removes the data directory, unless a
	 * server still runs on it (which is reported, not stopped: a test must see what the
	 * product leaves behind).
	 */
	@Override
	public synchronized void close() {
		try {
			stop();
		}
		catch (RuntimeException ex) {
			log.warn("Could not stop the launcher: {}", ex.getMessage());
		}
		List<Long> running = CustomerDatabases.postmastersBelow(this.dataDir);
		if (running.isEmpty()) {
			FileTree.deleteQuietly(this.dataDir);
		}
		else {
			log.warn("PostgreSQL servers {} still run below {}; data directory kept", running, this.dataDir);
		}
		if (Thread.currentThread() != this.cleanup) {
			try {
				Runtime.getRuntime().removeShutdownHook(this.cleanup);
			}
			catch (IllegalStateException ex) {
				// already shutting down
			}
		}
	}

}
