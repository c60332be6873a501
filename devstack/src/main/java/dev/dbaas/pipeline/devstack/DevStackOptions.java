package dev.dbaas.pipeline.devstack;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Command-line options of the launcher. Its own options are listed in {@link #USAGE};
 * every other {@code --key=value} is a Spring property passed to all three services.
 *
 * @param dataDir where Kafka and PostgreSQL keep their data, or {@code null} for a
 * temporary directory removed on exit
 * @param kafkaPort Kafka's client port
 * @param postgresPort PostgreSQL's port
 * @param intakePort order-intake's HTTP port
 * @param provisionerPort the provisioner's HTTP (actuator) port
 * @param statusPort status-service's HTTP port
 * @param portalPort the portal's HTTP port (pages and the API calls they make)
 * @param bindAddress the IP address the portal and the three services' HTTP ports listen
 * on: {@value #LOOPBACK} (loopback, the default) so that only this machine reaches them,
 * or e.g. {@code 0.0.0.0} for every interface
 * @param durable whether PostgreSQL flushes every commit to disk (fsync,
 * synchronous_commit on); off by default for a snappy development stack, on for
 * benchmarks
 * @param serviceProperties properties passed to every service
 */
public record DevStackOptions(@Nullable Path dataDir, int kafkaPort, int postgresPort, int intakePort,
		int provisionerPort, int statusPort, int portalPort, String bindAddress, boolean durable,
		Map<String, String> serviceProperties) {

	/** The default {@link #bindAddress()}: IPv4 loopback. */
	public static final String LOOPBACK = "127.0.0.1";

	/** What {@code --help} prints. */
	public static final String USAGE = """
			Usage: java -jar devstack/target/devstack.jar [options] [--spring.property=value ...]
			       java -jar devstack/target/devstack.jar token [--customer=ID] [--scope=...]  (token --help)

			Starts Kafka (KRaft), PostgreSQL and order-intake, provisioner and status-service in one JVM.

			Options:
			  --data-dir=PATH          keep Kafka's and PostgreSQL's data in PATH; a restart resumes from it
			                           (default: a temporary directory removed on exit)
			  --kafka-port=N           Kafka client port (default 9092)
			  --postgres-port=N        PostgreSQL port (default 5432)
			  --intake-port=N          order-intake HTTP port (default 8081)
			  --provisioner-port=N     provisioner actuator port (default 8082)
			  --status-port=N          status-service HTTP port (default 8083)
			  --portal-port=N          portal pages: sign-in, order wizard, my orders, my databases (default 8080)
			  --bind=ADDRESS           the IP address the portal and the services' HTTP ports listen on
			                           (default 127.0.0.1: this machine only); --bind=0.0.0.0 opens every
			                           interface: plain HTTP, so only on a network you trust
			  --backend=local|simulated
			                           local (default): PostgreSQL and MariaDB run as real servers on this
			                           machine, MySQL and CouchDB are simulated; simulated: every engine
			                           simulated, instantly (the old behaviour; the benchmarks use it)
			  --durable=true           PostgreSQL flushes every commit (fsync, synchronous_commit on);
			                           default false: faster, but a machine crash may lose the last commits
			  --help                   print this text

			The APIs want a bearer token: the banner prints one, and `token` prints more that a stack
			with the same --data-dir accepts. The portal signs a customer in with a customer id and the
			portal password that the banner prints (new on every start).

			Any other --key=value is passed to every service as a Spring property, e.g.
			  --provisioner.simulation.step-latency=2s
			""";

	public DevStackOptions {
		for (int port : List.of(kafkaPort, postgresPort, intakePort, provisionerPort, statusPort, portalPort)) {
			if (port < 0 || port > 65535) {
				throw new IllegalArgumentException("Port out of range: " + port);
			}
		}
		bindAddress = ipAddress("bind", bindAddress);
		serviceProperties = Map.copyOf(serviceProperties);
	}

	/**
	 * The defaults: temporary data, standard ports.
	 * @return default options
	 */
	public static DevStackOptions defaults() {
		return new DevStackOptions(null, 9092, 5432, 8081, 8082, 8083, 8080, LOOPBACK, false, Map.of());
	}

	/**
	 * Parses the command line.
	 * @param args arguments of {@code main}
	 * @return the options
	 * @throws IllegalArgumentException with a message for the user if an argument is
	 * wrong
	 */
	public static DevStackOptions parse(List<String> args) {
		DevStackOptions options = defaults();
		Map<String, String> properties = new LinkedHashMap<>();
		for (String arg : args) {
			if (!arg.startsWith("--") || !arg.contains("=")) {
				throw new IllegalArgumentException("Expected --key=value but got '" + arg + "'");
			}
			String key = arg.substring(2, arg.indexOf('='));
			String value = arg.substring(arg.indexOf('=') + 1);
			switch (key) {
				case "data-dir" -> options = options.withDataDir(Path.of(value).toAbsolutePath());
				case "kafka-port" -> options = options.withPorts(port(key, value), options.postgresPort,
						options.intakePort, options.provisionerPort, options.statusPort);
				case "postgres-port" -> options = options.withPorts(options.kafkaPort, port(key, value),
						options.intakePort, options.provisionerPort, options.statusPort);
				case "intake-port" -> options = options.withPorts(options.kafkaPort, options.postgresPort,
						port(key, value), options.provisionerPort, options.statusPort);
				case "provisioner-port" -> options = options.withPorts(options.kafkaPort, options.postgresPort,
						options.intakePort, port(key, value), options.statusPort);
				case "status-port" -> options = options.withPorts(options.kafkaPort, options.postgresPort,
						options.intakePort, options.provisionerPort, port(key, value));
				case "portal-port" -> options = options.withPortalPort(port(key, value));
				case "bind" -> options = options.withBindAddress(value);
				case "durable" -> options = options.withDurable(bool(key, value));
				case "backend" -> properties.put(LocalDataPlane.BACKEND, backend(value));
				default -> {
					if (key.isBlank()) {
						throw new IllegalArgumentException("Empty property name in '" + arg + "'");
					}
					properties.put(key, value);
				}
			}
		}
		return options.withServiceProperties(properties);
	}

	/**
	 * Same options with another data directory.
	 * @param directory the directory
	 * @return new options
	 */
	public DevStackOptions withDataDir(@Nullable Path directory) {
		return new DevStackOptions(directory, this.kafkaPort, this.postgresPort, this.intakePort, this.provisionerPort,
				this.statusPort, this.portalPort, this.bindAddress, this.durable, this.serviceProperties);
	}

	/**
	 * Same options with other ports; 0 picks a free port.
	 * @param kafka Kafka port
	 * @param postgres PostgreSQL port
	 * @param intake order-intake port
	 * @param provisioner provisioner port
	 * @param status status-service port
	 * @return new options
	 */
	public DevStackOptions withPorts(int kafka, int postgres, int intake, int provisioner, int status) {
		return new DevStackOptions(this.dataDir, kafka, postgres, intake, provisioner, status, this.portalPort,
				this.bindAddress, this.durable, this.serviceProperties);
	}

	/**
	 * Same options with another portal port; 0 picks a free port.
	 * @param portal the portal's HTTP port
	 * @return new options
	 */
	public DevStackOptions withPortalPort(int portal) {
		return new DevStackOptions(this.dataDir, this.kafkaPort, this.postgresPort, this.intakePort,
				this.provisionerPort, this.statusPort, portal, this.bindAddress, this.durable, this.serviceProperties);
	}

	/**
	 * Same options with other service properties.
	 * @param properties Spring properties for every service
	 * @return new options
	 */
	public DevStackOptions withServiceProperties(Map<String, String> properties) {
		return new DevStackOptions(this.dataDir, this.kafkaPort, this.postgresPort, this.intakePort,
				this.provisionerPort, this.statusPort, this.portalPort, this.bindAddress, this.durable, properties);
	}

	/**
	 * Same options with PostgreSQL durable or not.
	 * @param flushEveryCommit whether fsync and synchronous_commit are on
	 * @return new options
	 */
	public DevStackOptions withDurable(boolean flushEveryCommit) {
		return new DevStackOptions(this.dataDir, this.kafkaPort, this.postgresPort, this.intakePort,
				this.provisionerPort, this.statusPort, this.portalPort, this.bindAddress, flushEveryCommit,
				this.serviceProperties);
	}

	/**
	 * Same options listening on another address.
	 * @param address an IP address, e.g. {@code 0.0.0.0} for every interface
	 * @return new options
	 * @throws IllegalArgumentException if it is not an IP address
	 */
	public DevStackOptions withBindAddress(String address) {
		return new DevStackOptions(this.dataDir, this.kafkaPort, this.postgresPort, this.intakePort,
				this.provisionerPort, this.statusPort, this.portalPort, address, this.durable, this.serviceProperties);
	}

	/**
	 * Whether the stack listens on loopback only.
	 * @return {@code true} for a loopback {@link #bindAddress()}
	 */
	public boolean loopbackOnly() {
		return address().isLoopbackAddress();
	}

	/**
	 * The host in the services' URLs that the stack itself calls and links to:
	 * {@code localhost} when they listen on loopback or every interface, else the
	 * {@link #bindAddress()}.
	 * @return e.g. {@code localhost}, {@code 192.0.2.7} or {@code [2001:db8::7]}
	 */
	public String serviceHost() {
		InetAddress address = address();
		if (address.isLoopbackAddress() || address.isAnyLocalAddress()) {
			return "localhost";
		}
		return this.bindAddress.contains(":") ? "[" + this.bindAddress + "]" : this.bindAddress;
	}

	private InetAddress address() {
		try {
			return InetAddress.getByName(this.bindAddress);
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException("a bind address is an IP address", ex);
		}
	}

	private static String ipAddress(String key, String value) {
		// Literals only: a host name would need a DNS lookup and could name several
		// addresses.
		if (value.matches("\\d{1,3}(\\.\\d{1,3}){3}") || (value.contains(":") && value.matches("[0-9A-Fa-f:.]+"))) {
			try {
				return InetAddress.getByName(value).getHostAddress();
			}
			catch (UnknownHostException ex) {
				// not a valid literal after all; refused below
			}
		}
		throw new IllegalArgumentException(
				"--" + key + " must be an IP address such as 127.0.0.1 or 0.0.0.0, got '" + value + "'");
	}

	private static String backend(String value) {
		return switch (value) {
			case "local" -> LocalDataPlane.LOCAL;
			case "simulated", "simulation" -> LocalDataPlane.SIMULATION;
			default -> throw new IllegalArgumentException("--backend must be local or simulated, got '" + value + "'");
		};
	}

	private static boolean bool(String key, String value) {
		return switch (value) {
			case "true" -> true;
			case "false" -> false;
			default -> throw new IllegalArgumentException("--" + key + " must be true or false, got '" + value + "'");
		};
	}

	private static int port(String key, String value) {
		try {
			int port = Integer.parseInt(value);
			if (port < 0 || port > 65535) {
				throw new IllegalArgumentException("--" + key + " must be a port between 0 and 65535, got " + value);
			}
			return port;
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--" + key + " must be a port number, got '" + value + "'", ex);
		}
	}

}
