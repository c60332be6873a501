package dev.dbaas.pipeline.tail;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.jspecify.annotations.Nullable;

/**
 * How the tool reaches Kafka: the bootstrap servers and the client security settings,
 * plaintext by default or SASL/SCRAM over TLS for the secure override
 * ({@code docker-compose.secure.yml}). Built from the command line, optionally on top of
 * a properties file as Kafka's own tools take it ({@code --command-config}); the options
 * win over the file. Immutable.
 *
 * <p>
 * {@link #toString()} hides every secret (passwords, the JAAS configuration), so the
 * settings may be logged or printed in an error message.
 *
 * @param bootstrapServers Kafka's bootstrap servers
 * @param properties the Kafka client properties besides {@code bootstrap.servers}; may
 * hold secrets
 */
public record KafkaClientSettings(String bootstrapServers, Map<String, String> properties) {

	/** Default of {@code --bootstrap-servers}, the local launcher's broker. */
	public static final String DEFAULT_BOOTSTRAP_SERVERS = "localhost:9092";

	/** The options this type reads, without {@code --}. */
	public static final Set<String> OPTIONS = Set.of("bootstrap-servers", "command-config", "security-protocol",
			"sasl-mechanism", "sasl-username", "sasl-password", "ssl-truststore-location", "ssl-truststore-password",
			"ssl-truststore-type");

	/** The usage lines of {@link #OPTIONS}, for a command's {@code --help}. */
	public static final String USAGE = """
			  --bootstrap-servers=HOST:PORT[,...]  Kafka (default %s)
			  --command-config=FILE                Kafka client properties, as Kafka's own tools take
			                                       them (security.protocol, sasl.jaas.config, ssl.*);
			                                       the options below win over the file
			  --security-protocol=PROTOCOL         PLAINTEXT (default), SSL, SASL_PLAINTEXT or SASL_SSL
			  --sasl-mechanism=MECHANISM           SCRAM-SHA-512 (default), SCRAM-SHA-256 or PLAIN
			  --sasl-username=USER                 SASL user, e.g. ops; implies SASL_SSL unless
			                                       --security-protocol says otherwise
			  --sasl-password=PASSWORD             its password (never printed; prefer --command-config,
			                                       since a command line is visible to other local users)
			  --ssl-truststore-location=FILE       truststore with the broker's CA certificate
			  --ssl-truststore-password=PASSWORD   its password (never printed)
			  --ssl-truststore-type=TYPE           PKCS12 (default) or JKS
			""".formatted(DEFAULT_BOOTSTRAP_SERVERS);

	private static final List<String> PROTOCOLS = List.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");

	private static final Map<String, String> LOGIN_MODULES = Map.of("SCRAM-SHA-512",
			"org.apache.kafka.common.security.scram.ScramLoginModule", "SCRAM-SHA-256",
			"org.apache.kafka.common.security.scram.ScramLoginModule", "PLAIN",
			"org.apache.kafka.common.security.plain.PlainLoginModule");

	private static final String HIDDEN = "[hidden]";

	private static final Pattern JAAS_USERNAME = Pattern.compile("username=\"((?:[^\"\\\\]|\\\\.)*)\"");

	private static final List<String> SECRET_WORDS = List.of("password", "jaas", "secret", "token", "credential");

	public KafkaClientSettings {
		properties = Map.copyOf(properties);
	}

	/**
	 * Plaintext, no authentication.
	 * @param bootstrapServers Kafka's bootstrap servers
	 * @return the settings
	 */
	public static KafkaClientSettings plaintext(String bootstrapServers) {
		return new KafkaClientSettings(bootstrapServers, Map.of());
	}

	/**
	 * Reads the Kafka options of a command line and the file it names.
	 * @param options the command line, parsed with {@link #OPTIONS} among its options
	 * @return the settings
	 * @throws BadArguments naming the option that is wrong, never a secret
	 */
	public static KafkaClientSettings from(CommandLine options) {
		Map<String, String> properties = new LinkedHashMap<>();
		String commandConfig = options.value("command-config");
		if (commandConfig != null) {
			properties.putAll(readCommandConfig(Path.of(commandConfig)));
		}
		String bootstrapServers = options.value("bootstrap-servers",
				properties.getOrDefault(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, DEFAULT_BOOTSTRAP_SERVERS));
		properties.remove(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);

		String protocol = options.value("security-protocol");
		if (protocol != null) {
			protocol = protocol.toUpperCase(Locale.ROOT);
			if (!PROTOCOLS.contains(protocol)) {
				throw new BadArguments("--security-protocol: unknown protocol '" + options.value("security-protocol")
						+ "'; one of " + String.join(", ", PROTOCOLS));
			}
			properties.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, protocol);
		}
		sasl(options, properties);
		truststore(options, properties);

		String effective = properties.getOrDefault(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "PLAINTEXT")
			.toUpperCase(Locale.ROOT);
		if (effective.startsWith("SASL_") && !properties.containsKey(SaslConfigs.SASL_JAAS_CONFIG)) {
			throw new BadArguments("--security-protocol=" + effective
					+ " needs --sasl-username and --sasl-password, or sasl.jaas.config in --command-config");
		}
		return new KafkaClientSettings(bootstrapServers, properties);
	}

	private static void sasl(CommandLine options, Map<String, String> properties) {
		String username = options.value("sasl-username");
		String password = options.value("sasl-password");
		String mechanism = options.value("sasl-mechanism");
		if (username == null && password == null) {
			if (mechanism != null) {
				throw new BadArguments("--sasl-mechanism needs --sasl-username and --sasl-password");
			}
			return;
		}
		if (username == null) {
			throw new BadArguments("--sasl-password needs --sasl-username");
		}
		if (password == null) {
			throw new BadArguments("--sasl-username needs --sasl-password");
		}
		String protocol = properties.get(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG);
		if (protocol == null) {
			properties.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL");
		}
		else if (!protocol.toUpperCase(Locale.ROOT).startsWith("SASL_")) {
			throw new BadArguments(
					"--sasl-username needs --security-protocol SASL_SSL or SASL_PLAINTEXT, not " + protocol);
		}
		String chosen = (mechanism != null) ? mechanism.toUpperCase(Locale.ROOT)
				: properties.getOrDefault(SaslConfigs.SASL_MECHANISM, "SCRAM-SHA-512").toUpperCase(Locale.ROOT);
		String loginModule = LOGIN_MODULES.get(chosen);
		if (loginModule == null) {
			throw new BadArguments("--sasl-mechanism: unknown mechanism '" + chosen + "'; one of "
					+ LOGIN_MODULES.keySet().stream().sorted().collect(Collectors.joining(", ")));
		}
		properties.put(SaslConfigs.SASL_MECHANISM, chosen);
		properties.put(SaslConfigs.SASL_JAAS_CONFIG, loginModule + " required username=\"" + jaasQuoted(username)
				+ "\" password=\"" + jaasQuoted(password) + "\";");
	}

	private static void truststore(CommandLine options, Map<String, String> properties) {
		String location = options.value("ssl-truststore-location");
		String password = options.value("ssl-truststore-password");
		String type = options.value("ssl-truststore-type");
		if (location == null && password == null && type == null) {
			return;
		}
		String protocol = properties.getOrDefault(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "PLAINTEXT")
			.toUpperCase(Locale.ROOT);
		String option = (location != null) ? "--ssl-truststore-location"
				: (password != null) ? "--ssl-truststore-password" : "--ssl-truststore-type";
		if (!protocol.endsWith("SSL")) {
			throw new BadArguments(option + " needs --security-protocol SASL_SSL or SSL, not " + protocol);
		}
		if (location != null) {
			Path file = Path.of(location);
			if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
				throw new BadArguments("--ssl-truststore-location: no readable file " + location);
			}
			properties.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, location);
		}
		else if (!properties.containsKey(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG)) {
			throw new BadArguments(option + " needs --ssl-truststore-location");
		}
		if (password != null) {
			properties.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, password);
		}
		if (type != null) {
			String upper = type.toUpperCase(Locale.ROOT);
			if (!upper.equals("PKCS12") && !upper.equals("JKS")) {
				throw new BadArguments("--ssl-truststore-type: unknown type '" + type + "'; one of PKCS12, JKS");
			}
			properties.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, upper);
		}
		else {
			properties.putIfAbsent(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PKCS12");
		}
	}

	private static Map<String, String> readCommandConfig(Path file) {
		if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
			throw new BadArguments("--command-config: no readable file " + file);
		}
		Properties loaded = new Properties();
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			loaded.load(reader);
		}
		catch (IOException | IllegalArgumentException ex) {
			// the message of Properties.load names a position, never the content
			throw new BadArguments("--command-config: cannot read " + file + " as properties: " + ex.getMessage());
		}
		Map<String, String> properties = new LinkedHashMap<>();
		loaded.stringPropertyNames()
			.stream()
			.sorted()
			.forEach((name) -> properties.put(name, loaded.getProperty(name)));
		return properties;
	}

	/** Inside a JAAS quoted string a backslash escapes the next character. */
	private static String jaasQuoted(String value) {
		return value.replace("\\", "\\\\").replace("\"", "\\\"");
	}

	/**
	 * The client properties to hand to a Kafka client, {@code bootstrap.servers}
	 * included.
	 * @return a new, modifiable map
	 */
	public Map<String, Object> clientProperties() {
		Map<String, Object> client = new LinkedHashMap<>(this.properties);
		client.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers);
		return client;
	}

	/**
	 * The security protocol in effect.
	 * @return e.g. {@code PLAINTEXT} or {@code SASL_SSL}
	 */
	public String securityProtocol() {
		return this.properties.getOrDefault(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "PLAINTEXT")
			.toUpperCase(Locale.ROOT);
	}

	/**
	 * The SASL user, read from the JAAS configuration.
	 * @return the user, or {@code null} without SASL
	 */
	public @Nullable String saslUsername() {
		String jaas = this.properties.get(SaslConfigs.SASL_JAAS_CONFIG);
		if (jaas == null) {
			return null;
		}
		Matcher matcher = JAAS_USERNAME.matcher(jaas);
		return matcher.find() ? matcher.group(1).replace("\\\"", "\"").replace("\\\\", "\\") : null;
	}

	/**
	 * The settings without their secrets, e.g.
	 * {@code KafkaClientSettings[bootstrapServers=kafka:9092,
	 * properties={sasl.jaas.config=[hidden], ...}]}.
	 */
	@Override
	public String toString() {
		Map<String, String> shown = new TreeMap<>();
		this.properties.forEach((name, value) -> shown.put(name, isSecret(name) ? HIDDEN : value));
		return "KafkaClientSettings[bootstrapServers=" + this.bootstrapServers + ", properties=" + shown + "]";
	}

	static boolean isSecret(String property) {
		String lower = property.toLowerCase(Locale.ROOT);
		return SECRET_WORDS.stream().anyMatch(lower::contains);
	}

}
