package dev.dbaas.pipeline.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The production overlay must not drift from the services' own configuration, as
 * {@code ComposeDriftTest} checks for compose: ports and probes, environment variable
 * names (each must bind to a property the service knows), databases and roles
 * ({@code docker/postgres/init.sql}), topics ({@link Topics}) and Kafka ACLs
 * ({@code docker/kafka/acls.txt}). The services' files are read from the repository, not
 * from their modules' class paths.
 */
class KubernetesDriftTest {

	/**
	 * Spring Boot's own properties that the manifests set and the services' files leave
	 * out.
	 */
	private static final Set<String> SPRING_PROPERTIES = Set.of("server.port", "spring.datasource.url",
			"spring.datasource.username", "spring.datasource.password", "spring.kafka.bootstrap-servers",
			"spring.kafka.security.protocol", "spring.kafka.properties.sasl.mechanism",
			"spring.kafka.properties.sasl.jaas.config", "spring.kafka.ssl.trust-store-type",
			"spring.kafka.ssl.trust-store-certificates", "spring.security.oauth2.resourceserver.jwt.issuer-uri",
			"spring.security.oauth2.resourceserver.jwt.jwk-set-uri");

	static Stream<Arguments> services() {
		return Stream.of(arguments("order-intake", "intake"), arguments("provisioner", "provisioner"),
				arguments("status-service", "status"));
	}

	@ParameterizedTest(name = "{0}: port and probes match the service's configuration")
	@MethodSource("services")
	void portAndProbesMatchTheServicesConfiguration(String service, String database) throws IOException {
		Properties properties = serviceProperties(service);
		String port = properties.getProperty("server.port");
		Map<String, Object> container = container(service);

		assertThat(port).as("%s declares server.port", service).isNotBlank();
		assertThat(environment(container)).containsEntry("SERVER_PORT", port);
		assertThat(String.valueOf(get(container, "ports", 0, "containerPort"))).isEqualTo(port);
		assertThat(String.valueOf(get(object("Service", service), "spec", "ports", 0, "port"))).isEqualTo(port);
		assertThat(properties.getProperty("management.endpoint.health.probes.enabled")).isEqualTo("true");
		assertThat(get(container, "livenessProbe", "httpGet", "path")).isEqualTo("/actuator/health/liveness");
		assertThat(get(container, "readinessProbe", "httpGet", "path")).isEqualTo("/actuator/health/readiness");
	}

	@ParameterizedTest(name = "{0}: every environment variable binds to a known property")
	@MethodSource("services")
	void everyEnvironmentVariableBindsToAPropertyTheServiceKnows(String service, String database) throws IOException {
		Set<String> known = new HashSet<>();
		Stream.concat(serviceProperties(service).stringPropertyNames().stream(), SPRING_PROPERTIES.stream())
			.map(KubernetesDriftTest::relaxed)
			.forEach(known::add);

		assertThat(environment(container(service)).keySet()).isNotEmpty()
			.allSatisfy((variable) -> assertThat(known)
				.as("%s sets %s but neither %s.properties nor Spring Boot has such a property", service, variable,
						service)
				.contains(relaxed(variable)));
	}

	@ParameterizedTest(name = "{0}: its own database, least-privilege role and Kafka user")
	@MethodSource("services")
	void eachServiceUsesItsOwnDatabaseRoleAndKafkaUser(String service, String database) throws IOException {
		Map<String, Object> container = container(service);
		String url = environment(container).get("SPRING_DATASOURCE_URL");

		assertThat(url).contains("/" + database + "?");
		assertThat(serviceProperties(service).getProperty("spring.datasource.url")).endsWith("/" + database);
		assertThat(Files.readString(Kustomize.REPO.resolve("docker/postgres/init.sql")))
			.contains("CREATE DATABASE " + database + " OWNER " + database);
		assertThat(get(object("Database", database), "spec", "owner")).isEqualTo(database);
		assertThat(secretName(container, "SPRING_DATASOURCE_PASSWORD")).isEqualTo("pipeline-postgres-" + database);
		assertThat(secretName(container, "SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG")).isEqualTo(service);

		Map<String, Object> role = role(database);
		assertThat(role).containsEntry("login", true)
			.containsEntry("superuser", false)
			.containsEntry("createdb", false)
			.containsEntry("createrole", false)
			.containsEntry("replication", false);
		assertThat(get(role, "passwordSecret", "name")).isEqualTo("pipeline-postgres-" + database);
	}

	@ParameterizedTest(name = "{0}: the fleet's connections fit the role's connection limit")
	@MethodSource("services")
	void theFleetsConnectionsFitTheRolesConnectionLimit(String service, String database) throws IOException {
		int pool = Integer
			.parseInt(serviceProperties(service).getProperty("spring.datasource.hikari.maximum-pool-size"));
		int maxReplicas = (Integer) get(object("HorizontalPodAutoscaler", service), "spec", "maxReplicas");

		assertThat((Integer) role(database).get("connectionLimit")).isGreaterThanOrEqualTo(maxReplicas * pool);
	}

	@Test
	void consumersNeverScaleBeyondThePartitionsTheyConsume() {
		for (String consumer : List.of("provisioner", "status-service")) {
			Map<String, Object> hpa = object("HorizontalPodAutoscaler", consumer);
			assertThat((Integer) get(hpa, "spec", "maxReplicas")).as("%s maxReplicas", consumer)
				.isLessThanOrEqualTo(Topics.ORDER_PLACED.partitions());
			Object replicas = ((Map<?, ?>) object("Deployment", consumer).get("spec")).get("replicas");
			assertThat(replicas == null || (Integer) replicas <= Topics.ORDER_PLACED.partitions())
				.as("%s replicas %s", consumer, replicas)
				.isTrue();
		}
	}

	@Test
	void kafkaTopicsAreExactlyThePipelineTopicsWithTheirPartitions() {
		Map<String, Map<String, Object>> topics = objects("KafkaTopic").stream()
			.collect(Collectors.toMap((topic) -> String.valueOf(get(topic, "spec", "topicName")),
					(topic) -> (Map<String, Object>) cast(topic.get("spec"))));

		assertThat(topics.keySet())
			.containsExactlyInAnyOrderElementsOf(Topics.all().stream().map(TopicSpec::name).toList());
		for (TopicSpec topic : Topics.all()) {
			Map<String, Object> spec = topics.get(topic.name());
			assertThat(spec).as(topic.name())
				.containsEntry("partitions", topic.partitions())
				.containsEntry("replicas", 3);
			assertThat(get(spec, "config", "min.insync.replicas")).as(topic.name()).isEqualTo(2);
		}
	}

	@Test
	void kafkaUsersHaveExactlyTheAclsOfAclsTxt() throws IOException {
		Set<String> planned = Files.readAllLines(Kustomize.REPO.resolve("docker/kafka/acls.txt"))
			.stream()
			.map(String::strip)
			.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
			.map((line) -> String.join(" ", line.split("\\s+")).toLowerCase(Locale.ROOT))
			.collect(Collectors.toSet());

		Set<String> deployed = new HashSet<>();
		for (Map<String, Object> user : objects("KafkaUser")) {
			String name = String.valueOf(get(user, "metadata", "name"));
			assertThat(get(user, "spec", "authentication", "type")).as(name).isEqualTo("scram-sha-512");
			for (Object rule : (List<?>) get(user, "spec", "authorization", "acls")) {
				Map<String, Object> acl = cast(rule);
				assertThat(get(acl, "resource", "patternType")).as("%s: literal resources only", name)
					.isEqualTo("literal");
				for (Object operation : (List<?>) acl.get("operations")) {
					deployed.add(String.join(" ", name, String.valueOf(operation),
							String.valueOf(get(acl, "resource", "type")), String.valueOf(get(acl, "resource", "name")))
						.toLowerCase(Locale.ROOT));
				}
			}
		}

		assertThat(planned).as("docker/kafka/acls.txt").isNotEmpty();
		assertThat(deployed).containsExactlyInAnyOrderElementsOf(planned);
	}

	@Test
	void postgresRunsThreeInstancesWithASynchronousStandby() {
		Map<String, Object> cluster = object("Cluster", "pipeline-postgres");

		assertThat(get(cluster, "spec", "instances")).isEqualTo(3);
		assertThat(get(cluster, "spec", "postgresql", "synchronous", "number")).isEqualTo(1);
		assertThat(get(cluster, "spec", "postgresql", "synchronous", "dataDurability")).isEqualTo("required");
		assertThat(get(cluster, "spec", "enableSuperuserAccess")).isEqualTo(false);
	}

	private static String relaxed(String name) {
		return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
	}

	private static List<Map<String, Object>> objects(String kind) {
		List<Map<String, Object>> found = Kustomize.render("production")
			.stream()
			.filter((object) -> kind.equals(object.get("kind")))
			.toList();
		assertThat(found).as("%s objects in the production overlay", kind).isNotEmpty();
		return found;
	}

	private static Map<String, Object> object(String kind, String name) {
		return objects(kind).stream()
			.filter((object) -> name.equals(get(object, "metadata", "name")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in the production overlay"));
	}

	private static Map<String, Object> container(String service) {
		return cast(get(object("Deployment", service), "spec", "template", "spec", "containers", 0));
	}

	private static Map<String, Object> role(String name) {
		List<?> roles = (List<?>) get(object("Cluster", "pipeline-postgres"), "spec", "managed", "roles");
		return roles.stream()
			.map(KubernetesDriftTest::cast)
			.filter((role) -> name.equals(role.get("name")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no managed role " + name));
	}

	private static Map<String, String> environment(Map<String, Object> container) {
		return ((List<?>) container.get("env")).stream()
			.map(KubernetesDriftTest::cast)
			.collect(Collectors.toMap((variable) -> String.valueOf(variable.get("name")),
					(variable) -> String.valueOf(variable.get("value"))));
	}

	private static Object secretName(Map<String, Object> container, String variable) {
		return ((List<?>) container.get("env")).stream()
			.map(KubernetesDriftTest::cast)
			.filter((entry) -> variable.equals(entry.get("name")))
			.map((entry) -> get(entry, "valueFrom", "secretKeyRef", "name"))
			.findFirst()
			.orElseThrow(() -> new AssertionError(variable + " is not set"));
	}

	/** Walks maps by key and lists by index; fails the test where the path ends early. */
	private static Object get(Object root, Object... path) {
		Object current = root;
		for (Object step : path) {
			if (step instanceof Integer index && current instanceof List<?> list && index < list.size()) {
				current = list.get(index);
			}
			else if (current instanceof Map<?, ?> map && map.containsKey(step)) {
				current = map.get(step);
			}
			else {
				throw new AssertionError("no " + List.of(path) + " in " + root);
			}
		}
		return current;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> cast(Object value) {
		return (Map<String, Object>) value;
	}

	private static Properties serviceProperties(String service) throws IOException {
		Path file = Kustomize.REPO.resolve(service + "/src/main/resources/" + service + ".properties");
		Properties properties = new Properties();
		try (InputStream in = Files.newInputStream(file)) {
			properties.load(in);
		}
		return properties;
	}

}
