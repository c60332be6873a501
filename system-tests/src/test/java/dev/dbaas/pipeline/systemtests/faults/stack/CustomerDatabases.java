package dev.dbaas.pipeline.systemtests.faults.stack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real local backend's customer databases, seen from outside as a customer and an
 * operator would: their servers in the process table and the admin's TLS login. The
 * backend keeps one directory per order below its base directory
 * ({@code <base>/instances/<order id>}, the server's data in {@code data/}, the admin's
 * credentials in {@code admin.credentials}, the CA in {@code <base>/ca}).
 */
public final class CustomerDatabases {

	private static final Logger log = LoggerFactory.getLogger(CustomerDatabases.class);

	private final Path base;

	/**
	 * The databases of a backend's base directory.
	 * @param base the backend's base directory
	 */
	public CustomerDatabases(Path base) {
		this.base = base;
	}

	/**
	 * The process id of an order's running server.
	 * @param orderId the order
	 * @return its postmaster, empty if none runs
	 */
	public Optional<Long> serverPid(String orderId) {
		Path pidFile = instance(orderId).resolve("data").resolve("postmaster.pid");
		try {
			if (!Files.isRegularFile(pidFile)) {
				return Optional.empty();
			}
			long pid = Long.parseLong(Files.readAllLines(pidFile, StandardCharsets.US_ASCII).get(0).trim());
			return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(ProcessHandle::pid);
		}
		catch (IOException | RuntimeException ex) {
			return Optional.empty();
		}
	}

	/**
	 * Whether an order's PostgreSQL accepts the admin's TLS login (verify-full against
	 * the backend's CA) from 127.0.0.2 and runs the given major version.
	 * @param orderId the order (its trusted sources must include 127.0.0.2)
	 * @param major e.g. {@code 17}
	 * @return {@code true} if the login works and the version matches
	 */
	public boolean acceptsAdminLogin(String orderId, String major) {
		Path instance = instance(orderId);
		Properties credentials = new Properties();
		try (Reader reader = Files.newBufferedReader(instance.resolve("admin.credentials"), StandardCharsets.UTF_8)) {
			credentials.load(reader);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		int port;
		try {
			port = Integer.parseInt(Files.readAllLines(instance.resolve("data/postmaster.pid")).get(3).trim());
		}
		catch (IOException | RuntimeException ex) {
			log.warn("No running server for order {}: {}", orderId, ex.getMessage());
			return false;
		}
		Properties login = new Properties();
		login.setProperty("user", credentials.getProperty("username"));
		login.setProperty("password", credentials.getProperty("password"));
		login.setProperty("sslmode", "verify-full");
		login.setProperty("sslrootcert", this.base.resolve("ca/ca.crt").toString());
		login.setProperty("localSocketAddress", "127.0.0.2");
		login.setProperty("connectTimeout", "5");
		try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres",
				login);
				Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("SHOW server_version")) {
			return rs.next() && rs.getString(1).startsWith(major + ".");
		}
		catch (SQLException ex) {
			log.warn("TLS login to the database of order {} failed: {}", orderId, ex.getMessage());
			return false;
		}
	}

	/**
	 * Live PostgreSQL postmasters whose command line names a directory below a path, from
	 * the process table (a postmaster keeps its {@code -D} argument; its children rename
	 * themselves).
	 * @param below e.g. a data directory
	 * @return their process ids
	 */
	public static List<Long> postmastersBelow(Path below) {
		String directory = below.toAbsolutePath().normalize().toString();
		return ProcessHandle.allProcesses()
			.filter((process) -> process.info().command().map((command) -> command.endsWith("/postgres")).orElse(false))
			.filter((process) -> process.info()
				.arguments()
				.map((args) -> Stream.of(args)
					.anyMatch((arg) -> arg.equals(directory) || arg.startsWith(directory + "/")))
				.orElse(false))
			.map(ProcessHandle::pid)
			.toList();
	}

	private Path instance(String orderId) {
		return this.base.resolve("instances").resolve(orderId);
	}

}
