package dev.dbaas.pipeline.systemtests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.utils.SecurityUtils;

/**
 * docker/kafka/acls.txt, the one definition of the Kafka users and ACLs that
 * docker/kafka/init.sh applies with kafka-acls.sh and {@link SecureKafkaIntegrationTest}
 * applies with the Admin client.
 *
 * @param grants the lines of the file
 */
record KafkaAclPlan(List<Grant> grants) {

	static final Path FILE = Path.of("..", "docker", "kafka", "acls.txt");

	static KafkaAclPlan read() throws IOException {
		return new KafkaAclPlan(Files.readAllLines(FILE)
			.stream()
			.map(String::strip)
			.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
			.map(Grant::parse)
			.toList());
	}

	List<String> users() {
		return this.grants.stream().map(Grant::user).distinct().sorted().toList();
	}

	List<AclBinding> bindings() {
		return this.grants.stream().map(Grant::binding).toList();
	}

	/**
	 * One ALLOW line: {@code user operation type name}.
	 *
	 * @param user the SCRAM user (principal {@code User:<user>})
	 * @param operation as kafka-acls.sh parses it
	 * @param type topic, group or cluster (kafka-acls.sh's --topic, --group, --cluster)
	 * @param name literal resource name
	 */
	record Grant(String user, AclOperation operation, ResourceType type, String name) {

		static Grant parse(String line) {
			String[] columns = line.split("\\s+");
			if (columns.length != 4) {
				throw new IllegalArgumentException("acls.txt: want user, operation, type, name in: " + line);
			}
			// kafka-acls.sh parses --operation the same way
			AclOperation operation = SecurityUtils.operation(columns[1]);
			ResourceType type = switch (columns[2]) {
				case "topic" -> ResourceType.TOPIC;
				case "group" -> ResourceType.GROUP;
				case "cluster" -> ResourceType.CLUSTER;
				default -> throw new IllegalArgumentException("acls.txt: unknown resource type in: " + line);
			};
			if (operation == AclOperation.UNKNOWN || operation == AclOperation.ANY || operation == AclOperation.ALL) {
				throw new IllegalArgumentException("acls.txt: name one operation in: " + line);
			}
			return new Grant(columns[0], operation, type, columns[3]);
		}

		AclBinding binding() {
			return new AclBinding(new ResourcePattern(this.type, this.name, PatternType.LITERAL),
					new AccessControlEntry("User:" + this.user, "*", this.operation, AclPermissionType.ALLOW));
		}

		@Override
		public String toString() {
			return this.user + " " + this.operation + " " + this.type.name().toLowerCase(Locale.ROOT) + " " + this.name;
		}

	}

}
