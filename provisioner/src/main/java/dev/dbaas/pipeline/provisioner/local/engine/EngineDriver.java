package dev.dbaas.pipeline.provisioner.local.engine;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import dev.dbaas.pipeline.provisioner.provisioning.EngineType;

/**
 * Drives one engine's servers: writes their access rules, creates their data directory,
 * creates the admin login, starts, stops and observes them.
 *
 * <p>
 * Every method is idempotent on the instance's real state (data directory, pid file,
 * files written before), so a provisioner that died half-way can call it again. Callers
 * serialise calls per instance. The admin password is never logged and never written in
 * plain text except to the instance's owner-only credentials file, which the caller owns.
 */
public sealed interface EngineDriver permits PostgresDriver, MariaDbDriver {

	/** The login name of the admin account every local instance has. */
	String ADMIN_USER = "admin";

	/**
	 * The driver of an engine, if this backend serves it.
	 * @param type the engine
	 * @return the driver, empty for engines without local binaries
	 */
	static Optional<EngineDriver> of(EngineType type) {
		return switch (type) {
			case POSTGRESQL -> Optional.of(new PostgresDriver());
			case MARIADB -> Optional.of(new MariaDbDriver());
			default -> Optional.empty();
		};
	}

	/**
	 * Writes the access rules: exactly the trusted networks may log in over TLS, nothing
	 * else may connect. Applied when the server starts.
	 * @param layout the instance
	 * @param trusted the trusted networks, not empty
	 * @throws IOException if the rules cannot be written
	 */
	void writeAccessRules(InstanceLayout layout, List<TrustedNetwork> trusted) throws IOException;

	/**
	 * Makes the running server apply the access rules written by
	 * {@link #writeAccessRules} without a restart (PostgreSQL: a reload of
	 * {@code pg_hba.conf}; MariaDB: the accounts applied over an admin login).
	 * Idempotent.
	 * @param layout the instance
	 * @param settings the instance's settings
	 * @param password the admin password, never logged
	 * @param sourceAddresses local addresses an admin login may come from (old and new
	 * trusted sources), tried in order where a login is needed
	 * @throws EngineFailure retryable if the server does not run or refuses
	 * @throws IOException if files cannot be read
	 * @throws InterruptedException if interrupted
	 */
	void reloadAccessRules(InstanceLayout layout, ServerSettings settings, String password,
			List<String> sourceAddresses) throws EngineFailure, IOException, InterruptedException;

	/**
	 * Creates the data directory with the engine's install tool, unless it exists.
	 * @param binaries the engine's binaries
	 * @param layout the instance
	 * @return whether it was created now
	 * @throws EngineFailure if the install tool fails
	 * @throws IOException if files cannot be written
	 * @throws InterruptedException if interrupted while the tool runs
	 */
	boolean install(EngineBinaries binaries, InstanceLayout layout)
			throws EngineFailure, IOException, InterruptedException;

	/**
	 * Creates (or sets again) the admin login with the password; the server may have to
	 * be stopped for that, so call it before {@link #start}.
	 * @param binaries the engine's binaries
	 * @param layout the instance
	 * @param settings the instance's settings
	 * @param password the admin password, never logged
	 * @return whether anything changed now
	 * @throws EngineFailure if the engine refuses
	 * @throws IOException if files cannot be written
	 * @throws InterruptedException if interrupted
	 */
	boolean createAdmin(EngineBinaries binaries, InstanceLayout layout, ServerSettings settings, String password)
			throws EngineFailure, IOException, InterruptedException;

	/**
	 * Starts the server, detached from the JVM, with TLS only, unless it runs already.
	 * @param binaries the engine's binaries
	 * @param layout the instance
	 * @param settings the instance's settings
	 * @return whether it was started now
	 * @throws EngineFailure {@link EngineFailure#PORT_TAKEN} if another process has the
	 * port, retryable if the server did not come up
	 * @throws IOException if it cannot be launched
	 * @throws InterruptedException if interrupted while waiting for it
	 */
	boolean start(EngineBinaries binaries, InstanceLayout layout, ServerSettings settings)
			throws EngineFailure, IOException, InterruptedException;

	/**
	 * The running server of the instance, by its pid file.
	 * @param layout the instance
	 * @return its process, empty if it does not run
	 */
	Optional<ProcessHandle> running(InstanceLayout layout);

	/**
	 * Stops the server if it runs and waits for it to exit.
	 * @param layout the instance
	 * @throws IOException if it cannot be signalled
	 * @throws InterruptedException if interrupted while waiting
	 */
	void stop(InstanceLayout layout) throws IOException, InterruptedException;

	/**
	 * Logs in as admin over TLS, verifying the server certificate against the CA, from a
	 * local source address, and reads what the server says about itself.
	 * @param layout the instance
	 * @param settings the instance's settings
	 * @param password the admin password
	 * @param sourceAddress the client address to bind, e.g. {@code 127.0.0.2}
	 * @return what the server reported
	 * @throws EngineFailure retryable if the login fails
	 */
	Observation observe(InstanceLayout layout, ServerSettings settings, String password, String sourceAddress)
			throws EngineFailure;

}
