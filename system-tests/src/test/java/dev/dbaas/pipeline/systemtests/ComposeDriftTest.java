package dev.dbaas.pipeline.systemtests;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.dbaas.pipeline.schemas.TopicSpec;
import dev.dbaas.pipeline.schemas.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * docker-compose.yml must not drift from the services' own configuration: ports,
 * environment variable names (each must bind to a property the service knows) and topics.
 */
class ComposeDriftTest {

	private static final Path COMPOSE = Path.of("..", "docker-compose.yml");

	static Stream<Arguments> services() {
		return Stream.of(arguments("order-intake", "intake"), arguments("provisioner", "provisioner"),
				arguments("status-service", "status"));
	}

	@ParameterizedTest(name = "{0}: port matches the service default")
	@MethodSource("services")
	void servicePortMatchesTheServiceDefault(String service, String database) throws IOException {
		Map<String, Object> compose = service(service);
		Properties defaults = serviceProperties(service);
		String port = defaults.getProperty("server.port");

		assertThat(port).as("%s declares server.port in %s.properties", service, service).isNotBlank();
		assertThat(environment(compose)).containsEntry("SERVER_PORT", port);
		List<String> containerPorts = Stream
			.concat(stringList(compose.get("ports")).stream()
				.map((mapping) -> mapping.substring(mapping.lastIndexOf(':') + 1)),
					stringList(compose.get("expose")).stream())
			.toList();
		assertThat(containerPorts).contains(port);
	}

	@ParameterizedTest(name = "{0}: database matches the service default")
	@MethodSource("services")
	void datasourcePointsAtTheServicesOwnDatabase(String service, String database) throws IOException {
		String url = environment(service(service)).get("SPRING_DATASOURCE_URL");
		String defaultUrl = serviceProperties(service).getProperty("spring.datasource.url", "");

		assertThat(url).endsWith("/" + database);
		assertThat(defaultUrl).as("%s's own default database", service).endsWith("/" + database);
		assertThat(Files.readString(Path.of("..", "docker", "postgres", "init.sql")))
			.contains("CREATE DATABASE " + database + " OWNER " + database);
	}

	@ParameterizedTest(name = "{0}: every environment variable binds to a known property")
	@MethodSource("services")
	void everyEnvironmentVariableBindsToAPropertyTheServiceKnows(String service, String database) throws IOException {
		Set<String> known = serviceProperties(service).stringPropertyNames()
			.stream()
			.map(ComposeDriftTest::relaxed)
			.collect(Collectors.toSet());
		known.addAll(Set.of("serverport", "springdatasourceurl", "springdatasourceusername", "springdatasourcepassword",
				"springkafkabootstrapservers"));

		assertThat(environment(service(service)).keySet()).allSatisfy((variable) -> assertThat(known)
			.as("%s sets %s but %s.properties has no such property", service, variable, service)
			.contains(relaxed(variable)));
	}

	@Test
	void composeCreatesExactlyThePipelineTopicsWithTheirPartitions() throws IOException {
		String command = String.valueOf(service("kafka-topics").get("command"));

		for (TopicSpec topic : Topics.all()) {
			assertThat(command).contains(topic.name());
			assertThat(topic.partitions()).isEqualTo(Topics.PARTITIONS);
		}
		assertThat(command).contains("--partitions " + Topics.PARTITIONS);
	}

	@Test
	void provisionerPublishesNoHostPortSoItCanScaleOut() throws IOException {
		assertThat(service("provisioner")).doesNotContainKey("ports");
	}

	private static String relaxed(String name) {
		return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> service(String name) throws IOException {
		try (InputStream in = Files.newInputStream(COMPOSE)) {
			Map<String, Object> compose = new Yaml().load(in);
			Map<String, Object> services = (Map<String, Object>) compose.get("services");
			assertThat(services).containsKey(name);
			return (Map<String, Object>) services.get(name);
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, String> environment(Map<String, Object> service) {
		Map<String, Object> environment = (Map<String, Object>) service.getOrDefault("environment", Map.of());
		return environment.entrySet()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, (entry) -> String.valueOf(entry.getValue())));
	}

	@SuppressWarnings("unchecked")
	private static List<String> stringList(Object value) {
		return (value != null) ? ((List<Object>) value).stream().map(String::valueOf).toList() : List.of();
	}

	private static Properties serviceProperties(String service) throws IOException {
		Properties properties = new Properties();
		try (InputStream in = ComposeDriftTest.class.getResourceAsStream("/" + service + ".properties")) {
			assertThat(in).as("%s.properties on the class path", service).isNotNull();
			properties.load(in);
		}
		return properties;
	}

}
