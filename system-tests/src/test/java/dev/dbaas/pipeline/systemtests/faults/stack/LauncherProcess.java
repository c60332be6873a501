package dev.dbaas.pipeline.systemtests.faults.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

import dev.dbaas.pipeline.localinfra.FileTree;
import dev.dbaas.pipeline.localinfra.FreePorts;
import dev.dbaas.pipeline.localinfra.PostgresServer;
import dev.dbaas.pipeline.security.local.LocalTokenIssuer;
import org.jspecify.annotations.Nullable;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The local launcher ({@code devstack.jar}) as a child process with {@code --data-dir}:
 * Kafka and the three services in its JVM, PostgreSQL as its child processes, all on
 * fixed ports so that a restart on the same data directory is the same stack.
 *
 * <p>
 * Not thread-safe.
 */
public final class LauncherProcess implements PipelineUnderTest, AutoCloseable {

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
		// The scenario counts orders on the simulation; the real backend's kill -9 is
		// issue 20's.
		options.put("backend", "simulated");
		options.put("provisioner.simulation.step-latency", "150ms");
		options.put("provisioner.workers.lease-duration", "5s");
		options.put("provisioner.workers.heartbeat-interval", "1s");
		options.put("intake.retry-after", "1s");
		options.put("intake.rate-limit.orders-per-period", "1000");
		this.starts++;
		ServiceProcess launcher = ServiceProcess.start("devstack-" + this.starts, Service.jarOf("devstack"), "1g",
				this.intakePort, options, this.output.resolve("logs"));
		this.process = launcher;
		launcher.awaitHealthy(FaultStack.START_TIMEOUT);
		return this;
	}

	/**
	 * The whole stack crashes: {@code kill -9} of the launcher's JVM (Kafka and the three
	 * services) and an immediate shutdown of its PostgreSQL (what
	 * {@code pg_ctl stop -m immediate} does), which would otherwise outlive it.
	 */
	public void crash() {
		ServiceProcess launcher = this.process;
		if (launcher != null && launcher.isAlive()) {
			launcher.kill();
		}
		if (Files.exists(this.dataDir.resolve("postgres").resolve("postmaster.pid"))) {
			PostgresCrash.stopImmediately(this.dataDir.resolve("postgres"));
		}
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

	@Override
	public synchronized void close() {
		try {
			crash();
		}
		catch (RuntimeException ex) {
			// best effort: the data directory goes anyway
		}
		FileTree.deleteQuietly(this.dataDir);
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
