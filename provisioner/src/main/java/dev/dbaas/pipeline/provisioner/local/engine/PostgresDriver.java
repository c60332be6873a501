package dev.dbaas.pipeline.provisioner.local.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

import dev.dbaas.pipeline.provisioner.local.tls.ServerCertificate;

/**
 * PostgreSQL from the zonky binaries: {@code initdb}, the admin role set in single-user
 * mode with a SCRAM-SHA-256 verifier computed here (the password never reaches the
 * server's input or logs), and {@code postgres} started with {@code ssl=on} and a
 * {@code pg_hba.conf} of {@code hostssl} lines and final rejects. As root, every program
 * runs in a user namespace of its own ({@code unshare -U}) because PostgreSQL refuses
 * root.
 */
final class PostgresDriver implements EngineDriver {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final int SCRAM_ITERATIONS = 4096;

	@Override
	public void writeAccessRules(InstanceLayout layout, List<TrustedNetwork> trusted) throws IOException {
		Files.createDirectories(layout.access());
		LocalFiles.writeAtomically(hbaFile(layout), hba(trusted), false);
	}

	/**
	 * The {@code pg_hba.conf} for the trusted networks: SCRAM over TLS from each of them,
	 * then a reject of every IPv4 and IPv6 address. No {@code local} line: nobody logs in
	 * over a Unix socket (the server opens none).
	 */
	static String hba(List<TrustedNetwork> trusted) {
		StringBuilder rules = new StringBuilder(
				"# Written by the local provisioning backend from the trusted sources.\n");
		for (TrustedNetwork network : trusted) {
			rules.append("hostssl all all ").append(network).append(" scram-sha-256\n");
		}
		rules.append("host all all 0.0.0.0/0 reject\n");
		rules.append("host all all ::/0 reject\n");
		return rules.toString();
	}

	@Override
	public boolean install(EngineBinaries binaries, InstanceLayout layout)
			throws EngineFailure, IOException, InterruptedException {
		if (Files.isRegularFile(layout.data().resolve("PG_VERSION"))) {
			return false;
		}
		LocalFiles.deleteRecursively(layout.partialData());
		List<String> initdb = ServerSettings.unshared(List.of(binaries.program("bin/initdb").toString(), "-D",
				layout.partialData().toString(), "-U", "postgres", "--auth-local=reject", "--auth-host=reject", "-E",
				"UTF8", "--locale=C", "--no-sync", "--no-instructions"));
		int exit = ServerProcesses.run(initdb, layout.serverLog(), null, Duration.ofMinutes(2));
		if (exit != 0) {
			throw EngineFailure.permanent("ENGINE_INSTALLATION_FAILED",
					"initdb exited with " + exit + "; see " + layout.serverLog());
		}
		Files.move(layout.partialData(), layout.data(), StandardCopyOption.ATOMIC_MOVE);
		return true;
	}

	@Override
	public boolean createAdmin(EngineBinaries binaries, InstanceLayout layout, ServerSettings settings, String password)
			throws EngineFailure, IOException, InterruptedException {
		Path applied = layout.root().resolve("admin.applied");
		if (Files.exists(applied)) {
			return false;
		}
		if (running(layout).isPresent()) {
			stop(layout);
		}
		String verifier = scramVerifier(password);
		String script = String.join("\n",
				"DO $$BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + ADMIN_USER
						+ "') THEN CREATE ROLE " + ADMIN_USER + "; END IF; END$$;",
				"ALTER ROLE " + ADMIN_USER + " LOGIN CREATEDB CREATEROLE PASSWORD '" + verifier + "';",
				"GRANT SELECT ON pg_catalog.pg_hba_file_rules TO " + ADMIN_USER + ";",
				"GRANT EXECUTE ON FUNCTION pg_catalog.pg_hba_file_rules() TO " + ADMIN_USER + ";", "");
		// The output names the verifier when a statement fails: it stays in an owner-only
		// file of the instance only as long as it takes to read the outcome.
		Path output = layout.root().resolve("single-user.out");
		Files.deleteIfExists(output);
		Files.createFile(output, java.nio.file.attribute.PosixFilePermissions
			.asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
		List<String> single = ServerSettings
			.unshared(List.of(binaries.program("bin/postgres").toString(), "--single", "-D", layout.data().toString(),
					"-c", "unix_socket_directories=", "-c", "log_min_error_statement=panic", "postgres"));
		int exit = ServerProcesses.run(single, output, script, Duration.ofMinutes(1));
		String result = Files.readString(output, StandardCharsets.UTF_8);
		Files.delete(output);
		if (exit != 0 || result.contains("ERROR:") || result.contains("FATAL:")) {
			throw EngineFailure.permanent("ADMIN_CREDENTIALS_FAILED",
					"PostgreSQL single-user mode could not create the admin role (exit " + exit + ")");
		}
		LocalFiles.writeAtomically(applied, "admin role " + ADMIN_USER + " set\n", false);
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
		ServerCertificate tls = ServerCertificate.in(layout.tls());
		List<String> command = ServerSettings.unshared(List.of(binaries.program("bin/postgres").toString(), "-D",
				layout.data().toString(), "-c", "listen_addresses=127.0.0.1", "-c", "port=" + settings.port(), "-c",
				"ssl=on", "-c", "ssl_cert_file=" + tls.certificate(), "-c", "ssl_key_file=" + tls.key(), "-c",
				"ssl_min_protocol_version=TLSv1.2", "-c", "hba_file=" + hbaFile(layout), "-c",
				"unix_socket_directories=", "-c", "password_encryption=scram-sha-256", "-c",
				"shared_buffers=" + settings.sizing().bufferMb() + "MB", "-c",
				"max_connections=" + settings.sizing().maxConnections(), "-c", "max_wal_senders=0", "-c",
				"wal_level=minimal", "-c", "logging_collector=off"));
		Process server = ServerProcesses.launchDetached(command, layout.serverLog());
		ServerProcesses.awaitListening(server, settings.port(), Duration.ofSeconds(60), layout.serverLog());
		awaitReady(server, layout, Duration.ofSeconds(60));
		return true;
	}

	/**
	 * Waits until the postmaster reports {@code ready} in its pid file (status line,
	 * PostgreSQL 10 and later): it listens before it accepts logins.
	 */
	private static void awaitReady(Process server, InstanceLayout layout, Duration timeout)
			throws EngineFailure, IOException, InterruptedException {
		Path pidFile = layout.data().resolve("postmaster.pid");
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!server.isAlive()) {
				throw EngineFailure.retryable("the server exited while starting; see " + layout.serverLog(), null);
			}
			if (Files.isRegularFile(pidFile)) {
				List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
				if (lines.size() >= 8 && "ready".equals(lines.get(7).trim())) {
					return;
				}
			}
			server.waitFor(50, java.util.concurrent.TimeUnit.MILLISECONDS);
		}
		throw EngineFailure.retryable("the server did not become ready within " + timeout, null);
	}

	@Override
	public Optional<ProcessHandle> running(InstanceLayout layout) {
		return ServerProcesses.alive(layout.data().resolve("postmaster.pid"), "postgres");
	}

	@Override
	public void stop(InstanceLayout layout) throws IOException, InterruptedException {
		Optional<ProcessHandle> server = running(layout);
		if (server.isPresent()) {
			// SIGINT is PostgreSQL's fast shutdown: it does not wait for clients to
			// leave.
			ServerProcesses.stop(server.get(), "INT", Duration.ofSeconds(30));
		}
	}

	@Override
	public Observation observe(InstanceLayout layout, ServerSettings settings, String password, String sourceAddress)
			throws EngineFailure {
		Properties login = new Properties();
		login.setProperty("user", ADMIN_USER);
		login.setProperty("password", password);
		login.setProperty("sslmode", "verify-full");
		login.setProperty("sslrootcert", ServerCertificate.in(layout.tls()).caCertificate().toString());
		login.setProperty("localSocketAddress", sourceAddress);
		login.setProperty("connectTimeout", "5");
		login.setProperty("loginTimeout", "10");
		String url = "jdbc:postgresql://127.0.0.1:" + settings.port() + "/postgres";
		try (Connection connection = DriverManager.getConnection(url, login);
				Statement statement = connection.createStatement()) {
			String version;
			try (ResultSet rs = statement.executeQuery("SHOW server_version")) {
				rs.next();
				version = rs.getString(1).split(" ")[0];
			}
			List<TrustedNetwork> trusted = new ArrayList<>();
			List<String> violations = new ArrayList<>();
			boolean rejectsIpv4 = false;
			boolean rejectsIpv6 = false;
			try (ResultSet rs = statement.executeQuery(
					"SELECT line_number, type, address, netmask, auth_method, error FROM pg_catalog.pg_hba_file_rules"
							+ " ORDER BY line_number")) {
				while (rs.next()) {
					String rule = "line " + rs.getInt("line_number") + " (" + rs.getString("type") + " "
							+ rs.getString("address") + "/" + rs.getString("netmask") + " "
							+ rs.getString("auth_method") + ")";
					String type = rs.getString("type");
					String address = rs.getString("address");
					String netmask = rs.getString("netmask");
					String method = rs.getString("auth_method");
					if (rs.getString("error") != null) {
						violations.add(rule + ": " + rs.getString("error"));
					}
					else if ("reject".equals(method) && "0.0.0.0".equals(address) && "0.0.0.0".equals(netmask)) {
						rejectsIpv4 = true;
					}
					else if ("reject".equals(method) && "::".equals(address) && "::".equals(netmask)) {
						rejectsIpv6 = true;
					}
					else if (!rejectsIpv4 && "hostssl".equals(type) && "scram-sha-256".equals(method) && address != null
							&& netmask != null) {
						trusted.add(TrustedNetwork.ofNetmask(address, netmask));
					}
					else {
						violations.add(rule + " is not a trusted source over TLS");
					}
				}
			}
			if (!rejectsIpv4 || !rejectsIpv6) {
				violations.add("pg_hba.conf does not end by rejecting every IPv4 and IPv6 address");
			}
			long bufferMb;
			int maxConnections;
			try (ResultSet rs = statement.executeQuery("SELECT pg_size_bytes(current_setting('shared_buffers')),"
					+ " current_setting('max_connections')::int")) {
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
	 * Signals the postmaster to reload {@code pg_hba.conf} (SIGHUP): new connections see
	 * the new rules, connected sessions and the server stay up.
	 */
	@Override
	public void reloadAccessRules(InstanceLayout layout, ServerSettings settings, String password,
			List<String> sourceAddresses) throws EngineFailure, IOException, InterruptedException {
		Optional<ProcessHandle> server = running(layout);
		if (server.isEmpty()) {
			throw EngineFailure.retryable("the server does not run; its access rules apply when it starts", null);
		}
		int exit = ServerProcesses.run(List.of("kill", "-s", "HUP", Long.toString(server.get().pid())), null, null,
				Duration.ofSeconds(10));
		if (exit != 0) {
			throw EngineFailure.retryable("kill -s HUP of the postmaster exited with " + exit, null);
		}
	}

	private static Path hbaFile(InstanceLayout layout) {
		return layout.access().resolve("pg_hba.conf");
	}

	/**
	 * The SCRAM-SHA-256 verifier PostgreSQL stores for a password (RFC 5802, RFC 7677):
	 * the server accepts it in {@code PASSWORD '...'} as already encrypted.
	 */
	static String scramVerifier(String password) {
		byte[] salt = new byte[16];
		RANDOM.nextBytes(salt);
		return scramVerifier(password, salt, SCRAM_ITERATIONS);
	}

	static String scramVerifier(String password, byte[] salt, int iterations) {
		try {
			SecretKeyFactory pbkdf2 = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
			byte[] salted = pbkdf2.generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256))
				.getEncoded();
			byte[] clientKey = hmac(salted, "Client Key");
			byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(clientKey);
			byte[] serverKey = hmac(salted, "Server Key");
			Base64.Encoder base64 = Base64.getEncoder();
			return "SCRAM-SHA-256$" + iterations + ":" + base64.encodeToString(salt) + "$"
					+ base64.encodeToString(storedKey) + ":" + base64.encodeToString(serverKey);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("SCRAM-SHA-256 is not available", ex);
		}
	}

	private static byte[] hmac(byte[] key, String message) throws GeneralSecurityException {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(key, "HmacSHA256"));
		return mac.doFinal(message.getBytes(StandardCharsets.US_ASCII));
	}

}
