package dev.dbaas.pipeline.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import dev.dbaas.pipeline.localinfra.FileTree;
import dev.dbaas.pipeline.localinfra.FreePorts;
import dev.dbaas.pipeline.localinfra.KraftBroker;
import dev.dbaas.pipeline.localinfra.PostgresServer;
import dev.dbaas.pipeline.schemas.Topics;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stack's Kafka broker (KRaft) and PostgreSQL, started in parallel in a data
 * directory, with the pipeline's topics and one database per service ({@code intake},
 * {@code provisioner}, {@code status}). A port that is taken is replaced by a free one,
 * with a warning naming the option to choose. {@link #close()} stops both and removes a
 * temporary data directory.
 *
 * <p>
 * Neither outlives the launcher's JVM: Kafka runs in it, and PostgreSQL's watchdog stops
 * the server within seconds of a {@code kill -9}. A PostgreSQL that an earlier launcher
 * left running on the data directory anyway is stopped before the ports are chosen, so
 * that a restart gets the same port back (decision 0042).
 *
 * <p>
 * Thread-safe once started.
 */
final class LocalInfrastructure implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(LocalInfrastructure.class);

	/** The database of each service. */
	static final List<String> DATABASES = List.of("intake", "provisioner", "status");

	private final Path dataDir;

	private final boolean temporary;

	private final PostgresServer postgres;

	private final KraftBroker kafka;

	private LocalInfrastructure(Path dataDir, boolean temporary, PostgresServer postgres, KraftBroker kafka) {
		this.dataDir = dataDir;
		this.temporary = temporary;
		this.postgres = postgres;
		this.kafka = kafka;
	}

	/**
	 * Starts Kafka and PostgreSQL.
	 * @param options the data directory (none: a temporary one), ports and durability
	 * @return both running, with topics and databases
	 * @throws IllegalStateException if either did not start; both are stopped then
	 */
	static LocalInfrastructure start(DevStackOptions options) {
		boolean temporary = options.dataDir() == null;
		Path dataDir = createDataDir(options.dataDir());
		// Before the port check: a left-over server still holds the port it had.
		PostgresServer.stopLeftover(dataDir.resolve("postgres"));
		PostgresServer postgres = PostgresServer
			.create(dataDir.resolve("postgres"), portOrFree(options.postgresPort(), "PostgreSQL", "--postgres-port"),
					options.durable())
			.registerShutdownHook(false);
		KraftBroker kafka = KraftBroker.create(dataDir.resolve("kafka"),
				portOrFree(options.kafkaPort(), "Kafka", "--kafka-port"), Map.of());
		CompletableFuture<Void> postgresStarted = CompletableFuture.runAsync(() -> {
			postgres.start();
			DATABASES.forEach(postgres::createDatabase);
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
		return new LocalInfrastructure(dataDir, temporary, postgres, kafka);
	}

	PostgresServer postgres() {
		return this.postgres;
	}

	KraftBroker kafka() {
		return this.kafka;
	}

	Path dataDir() {
		return this.dataDir;
	}

	/**
	 * Whether the data directory is temporary.
	 * @return {@code true} if {@link #close()} removes it
	 */
	boolean temporary() {
		return this.temporary;
	}

	@Override
	public void close() {
		this.kafka.stop();
		this.postgres.stop();
		if (this.temporary) {
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
	 * The port to listen on.
	 * @param port the requested port; 0 for any
	 * @param what the server, for the warning
	 * @param option the option that chooses the port, for the warning
	 * @return the requested port if free (or 0), else a free one
	 */
	static int portOrFree(int port, String what, String option) {
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
