package dev.dbaas.pipeline.deploy;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both overlays render with {@code kubectl kustomize}, and every object they render
 * conforms to its kind's schema (fabric8 for core kinds, Strimzi's model,
 * {@link CnpgSchema}).
 */
class ManifestSchemaTest {

	@ParameterizedTest(name = "{0}: every rendered object conforms to its kind's schema")
	@ValueSource(strings = { "dev", "production" })
	void everyRenderedObjectConformsToItsSchema(String overlay) {
		List<Map<String, Object>> objects = Kustomize.render(overlay);

		List<String> problems = objects.stream().flatMap((object) -> ManifestChecker.check(object).stream()).toList();

		assertThat(problems).as("schema problems in overlay %s", overlay).isEmpty();
	}

	@ParameterizedTest(name = "{0}: renders the whole deployment")
	@ValueSource(strings = { "dev", "production" })
	void rendersTheWholeDeployment(String overlay) {
		Map<String, Long> kinds = Kustomize.render(overlay)
			.stream()
			.collect(Collectors.groupingBy((object) -> String.valueOf(object.get("kind")), Collectors.counting()));

		assertThat(kinds).containsEntry("Kafka", 1L)
			.containsEntry("KafkaNodePool", 2L)
			.containsEntry("KafkaTopic", 4L)
			.containsEntry("KafkaUser", 5L)
			.containsEntry("Cluster", 1L)
			.containsEntry("Database", 3L)
			.containsEntry("Deployment", 3L)
			.containsEntry("Service", 3L)
			.containsEntry("PodDisruptionBudget", 3L)
			.containsEntry("HorizontalPodAutoscaler", 3L)
			.containsEntry("ConfigMap", 1L);
		assertThat(kinds.get("NetworkPolicy")).isPositive();
	}

}
