package dev.dbaas.pipeline.deploy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The schema check fails on broken objects, with a message that says where and why. No
 * kubectl needed: the objects are fed straight to {@link ManifestChecker}.
 */
class ManifestCheckerTest {

	private static Map<String, Object> object(String yaml) {
		return Kustomize.parseAll(yaml).get(0);
	}

	@Test
	void acceptsAConformingDeployment() {
		assertThat(ManifestChecker.check(object(deployment("replicas: 2", "readOnlyRootFilesystem: true")))).isEmpty();
	}

	@Test
	void rejectsAnUnknownFieldDeepInADeployment() {
		List<String> problems = ManifestChecker
			.check(object(deployment("replicas: 2", "readOnlyRootFileSystem: true")));

		assertThat(problems).singleElement()
			.asString()
			.startsWith("Deployment order-intake.spec.template.spec.containers[0].securityContext")
			.contains("unknown field(s) [readOnlyRootFileSystem] for SecurityContext");
	}

	@Test
	void rejectsAMistypedFieldInADeployment() {
		List<String> problems = ManifestChecker
			.check(object(deployment("replicas: two", "readOnlyRootFilesystem: true")));

		assertThat(problems).singleElement()
			.asString()
			.startsWith(
					"Deployment order-intake.spec.replicas: does not fit Deployment: Cannot coerce String value (\"two\")");
	}

	@Test
	void rejectsANumberWhereKubernetesWantsAString() {
		String yaml = """
				apiVersion: v1
				kind: ConfigMap
				metadata:
				  name: settings
				  labels:
				    tier: 3
				""";

		assertThat(ManifestChecker.check(object(yaml))).singleElement().asString().contains("does not fit ConfigMap");
	}

	@Test
	void rejectsAFieldThatStrimziDroppedFromTheV1Api() {
		String yaml = """
				apiVersion: kafka.strimzi.io/v1
				kind: KafkaUser
				metadata:
				  name: provisioner
				spec:
				  authentication:
				    type: scram-sha-512
				  authorization:
				    type: simple
				    acls:
				    - resource:
				        type: topic
				        name: dbaas.order.placed.v1
				      operation: Read
				""";

		assertThat(ManifestChecker.check(object(yaml))).singleElement()
			.asString()
			.isEqualTo("KafkaUser provisioner.spec.authorization.acls[0].operation: deprecated field of AclRule"
					+ " (not part of the v1 API)");
	}

	@Test
	void rejectsAnUnknownFieldInAStrimziKafka() {
		String yaml = """
				apiVersion: kafka.strimzi.io/v1
				kind: Kafka
				metadata:
				  name: pipeline-kafka
				spec:
				  kafka:
				    listeners:
				    - name: tls
				      port: 9093
				      type: internal
				      tls: true
				      authentication:
				        type: scram-sha-512
				        mechanism: plain
				""";

		assertThat(ManifestChecker.check(object(yaml))).singleElement()
			.asString()
			.startsWith("Kafka pipeline-kafka.spec.kafka.listeners[0].authentication: unknown field(s) [mechanism]");
	}

	@Test
	void rejectsAMistypedStrimziTopic() {
		String yaml = """
				apiVersion: kafka.strimzi.io/v1
				kind: KafkaTopic
				metadata:
				  name: dbaas-order-placed-v1
				spec:
				  partitions: six
				""";

		assertThat(ManifestChecker.check(object(yaml))).singleElement()
			.asString()
			.startsWith("KafkaTopic dbaas-order-placed-v1.spec.partitions: does not fit KafkaTopic");
	}

	@Test
	void rejectsUnknownAndMistypedFieldsInACloudNativePgCluster() {
		String yaml = """
				apiVersion: postgresql.cnpg.io/v1
				kind: Cluster
				metadata:
				  name: pipeline-postgres
				spec:
				  instances: "3"
				  postgresql:
				    parameters:
				      max_connections: 400
				    synchronous:
				      method: all
				      number: 1
				  storage:
				    sizeGi: 50
				""";

		assertThat(ManifestChecker.check(object(yaml))).containsExactlyInAnyOrder(
				"Cluster pipeline-postgres.spec.instances: expected an integer but found String 3",
				"Cluster pipeline-postgres.spec.postgresql.parameters.max_connections: expected a string but found Integer 400",
				"Cluster pipeline-postgres.spec.postgresql.synchronous.method: 'all' is not one of [any, first]",
				"Cluster pipeline-postgres.spec.storage.sizeGi: unknown field (not in CloudNativePG 1.30.0's API reference as described in CnpgSchema)");
	}

	@Test
	void rejectsAKindItHasNoSchemaFor() {
		String yaml = """
				apiVersion: kafka.strimzi.io/v1beta2
				kind: KafkaTopic
				metadata:
				  name: old
				""";

		assertThat(ManifestChecker.check(object(yaml))).singleElement()
			.asString()
			.startsWith("KafkaTopic old: no schema for kafka.strimzi.io/v1beta2 KafkaTopic");
	}

	private static String deployment(String replicas, String securityField) {
		return """
				apiVersion: apps/v1
				kind: Deployment
				metadata:
				  name: order-intake
				spec:
				  %s
				  selector:
				    matchLabels:
				      app.kubernetes.io/name: order-intake
				  template:
				    metadata:
				      labels:
				        app.kubernetes.io/name: order-intake
				    spec:
				      containers:
				      - name: order-intake
				        image: dbaas-pipeline/order-intake:0.1.0-SNAPSHOT
				        securityContext:
				          %s
				""".formatted(replicas, securityField);
	}

}
