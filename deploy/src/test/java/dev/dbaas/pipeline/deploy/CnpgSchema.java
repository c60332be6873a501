package dev.dbaas.pipeline.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;

/**
 * The project's own description of the CloudNativePG kinds it uses, {@code Cluster} and
 * {@code Database} of {@code postgresql.cnpg.io/v1}, for operator 1.30.0: the field
 * names, types, enums and required fields of its API reference (the CRD's OpenAPI schema
 * at tag v1.30.0). CloudNativePG publishes no Java model, so this is the check. It
 * describes the fields this project uses or is likely to use; any other field fails as
 * unknown until it is added here from the reference. Embedded Kubernetes types
 * (resources, env, tolerations) are checked against fabric8's model.
 */
final class CnpgSchema {

	/** Version of the operator whose API reference this describes. */
	static final String OPERATOR_VERSION = "1.30.0";

	private CnpgSchema() {
	}

	/** A type of a field: checks a value found at a path and returns its problems. */
	interface Type {

		List<String> check(String path, Object value);

	}

	static Type string() {
		return (path, value) -> (value instanceof String) ? List.of() : mistyped(path, "a string", value);
	}

	static Type enumOf(String... values) {
		Set<String> allowed = Set.of(values);
		return (path, value) -> {
			if (!(value instanceof String text)) {
				return mistyped(path, "a string", value);
			}
			return allowed.contains(text) ? List.of()
					: List.of(path + ": '" + text + "' is not one of " + List.of(values));
		};
	}

	static Type integer(long minimum) {
		return (path, value) -> {
			if (!(value instanceof Integer || value instanceof Long)) {
				return mistyped(path, "an integer", value);
			}
			return (((Number) value).longValue() >= minimum) ? List.of()
					: List.of(path + ": " + value + " is below the minimum " + minimum);
		};
	}

	static Type bool() {
		return (path, value) -> (value instanceof Boolean) ? List.of() : mistyped(path, "a boolean", value);
	}

	static Type arrayOf(Type item) {
		return (path, value) -> {
			if (!(value instanceof List<?> list)) {
				return mistyped(path, "an array", value);
			}
			List<String> problems = new ArrayList<>();
			for (int i = 0; i < list.size(); i++) {
				problems.addAll(item.check(path + "[" + i + "]", list.get(i)));
			}
			return problems;
		};
	}

	static Type mapOf(Type entry) {
		return (path, value) -> {
			if (!(value instanceof Map<?, ?> map)) {
				return mistyped(path, "an object", value);
			}
			List<String> problems = new ArrayList<>();
			map.forEach((key, item) -> problems.addAll(entry.check(path + "." + key, item)));
			return problems;
		};
	}

	/** An embedded Kubernetes type, checked by fabric8's model like the core kinds. */
	static Type kubernetes(Class<?> model) {
		return (path, value) -> ManifestChecker.checkModel(path, value, model);
	}

	static ObjectType object() {
		return new ObjectType(new LinkedHashMap<>(), new ArrayList<>());
	}

	/** An object with known fields: unknown fields and missing required ones fail. */
	record ObjectType(Map<String, Type> fields, List<String> required) implements Type {

		ObjectType field(String name, Type type) {
			this.fields.put(name, type);
			return this;
		}

		ObjectType requiredField(String name, Type type) {
			this.required.add(name);
			return field(name, type);
		}

		@Override
		public List<String> check(String path, Object value) {
			if (!(value instanceof Map<?, ?> map)) {
				return mistyped(path, "an object", value);
			}
			List<String> problems = new ArrayList<>();
			for (String name : this.required) {
				if (!map.containsKey(name)) {
					problems.add(path + "." + name + ": required field is missing");
				}
			}
			map.forEach((key, item) -> {
				Type type = this.fields.get(String.valueOf(key));
				if (type == null) {
					problems.add(path + "." + key + ": unknown field (not in CloudNativePG " + OPERATOR_VERSION
							+ "'s API reference as described in CnpgSchema)");
				}
				else {
					problems.addAll(type.check(path + "." + key, item));
				}
			});
			return problems;
		}

	}

	private static List<String> mistyped(String path, String expected, Object value) {
		String found = (value instanceof Map) ? "an object"
				: (value instanceof List) ? "an array" : value.getClass().getSimpleName() + " " + value;
		return List.of(path + ": expected " + expected + " but found " + found);
	}

	private static ObjectType localObjectReference() {
		return object().requiredField("name", string());
	}

	private static ObjectType metadata() {
		return object().requiredField("name", string())
			.field("namespace", string())
			.field("labels", mapOf(string()))
			.field("annotations", mapOf(string()));
	}

	private static ObjectType kind(String kind, ObjectType spec) {
		return object().requiredField("apiVersion", enumOf("postgresql.cnpg.io/v1"))
			.requiredField("kind", enumOf(kind))
			.requiredField("metadata", metadata())
			.requiredField("spec", spec);
	}

	/**
	 * {@code Cluster}: spec (ClusterSpec) with the parts of it this project describes.
	 */
	static final ObjectType CLUSTER = kind("Cluster", clusterSpec());

	/** {@code Database}: spec (DatabaseSpec). */
	static final ObjectType DATABASE = kind("Database",
			object().requiredField("cluster", localObjectReference())
				.requiredField("name", string())
				.requiredField("owner", string())
				.field("ensure", enumOf("present", "absent"))
				.field("databaseReclaimPolicy", enumOf("delete", "retain"))
				.field("allowConnections", bool())
				.field("connectionLimit", integer(-1))
				.field("encoding", string())
				.field("locale", string())
				.field("template", string())
				.field("tablespace", string())
				.field("isTemplate", bool()));

	private static ObjectType clusterSpec() {
		ObjectType storage = object().field("size", string())
			.field("storageClass", string())
			.field("resizeInUseVolumes", bool());
		ObjectType synchronous = object().requiredField("method", enumOf("any", "first"))
			.requiredField("number", integer(1))
			.field("dataDurability", enumOf("required", "preferred"))
			.field("failoverQuorum", bool())
			.field("maxStandbyNamesFromCluster", integer(0))
			.field("standbyNamesPre", arrayOf(string()))
			.field("standbyNamesPost", arrayOf(string()));
		ObjectType postgresql = object().field("parameters", mapOf(string()))
			.field("pg_hba", arrayOf(string()))
			.field("pg_ident", arrayOf(string()))
			.field("shared_preload_libraries", arrayOf(string()))
			.field("synchronous", synchronous)
			.field("enableAlterSystem", bool())
			.field("promotionTimeout", integer(0));
		ObjectType initdb = object().field("database", string())
			.field("owner", string())
			.field("secret", localObjectReference())
			.field("encoding", string())
			.field("locale", string())
			.field("localeProvider", string())
			.field("icuLocale", string())
			.field("dataChecksums", bool())
			.field("walSegmentSize", integer(1))
			.field("options", arrayOf(string()))
			.field("postInitSQL", arrayOf(string()))
			.field("postInitApplicationSQL", arrayOf(string()))
			.field("postInitTemplateSQL", arrayOf(string()));
		ObjectType role = object().requiredField("name", string())
			.field("ensure", enumOf("present", "absent"))
			.field("comment", string())
			.field("login", bool())
			.field("superuser", bool())
			.field("createdb", bool())
			.field("createrole", bool())
			.field("replication", bool())
			.field("bypassrls", bool())
			.field("inherit", bool())
			.field("disablePassword", bool())
			.field("connectionLimit", integer(-1))
			.field("inRoles", arrayOf(string()))
			.field("validUntil", string())
			.field("passwordSecret", localObjectReference());
		ObjectType affinity = object().field("enablePodAntiAffinity", bool())
			.field("topologyKey", string())
			.field("podAntiAffinityType", enumOf("preferred", "required"))
			.field("nodeSelector", mapOf(string()))
			.field("tolerations", arrayOf(kubernetes(Toleration.class)));
		ObjectType monitoring = object().field("enablePodMonitor", bool()).field("disableDefaultQueries", bool());
		return object().requiredField("instances", integer(1))
			.field("description", string())
			.field("imageName", string())
			.field("imagePullPolicy", enumOf("Always", "Never", "IfNotPresent"))
			.field("imagePullSecrets", arrayOf(localObjectReference()))
			.field("inheritedMetadata", object().field("labels", mapOf(string())).field("annotations", mapOf(string())))
			.field("minSyncReplicas", integer(0))
			.field("maxSyncReplicas", integer(0))
			.field("enableSuperuserAccess", bool())
			.field("superuserSecret", localObjectReference())
			.field("enablePDB", bool())
			.field("postgresql", postgresql)
			.field("bootstrap", object().field("initdb", initdb))
			.field("managed", object().field("roles", arrayOf(role)))
			.field("storage", storage)
			.field("walStorage", storage)
			.field("affinity", affinity)
			.field("topologySpreadConstraints", arrayOf(kubernetes(TopologySpreadConstraint.class)))
			.field("resources", kubernetes(ResourceRequirements.class))
			.field("env", arrayOf(kubernetes(EnvVar.class)))
			.field("monitoring", monitoring)
			.field("logLevel", enumOf("error", "warning", "info", "debug", "trace"))
			.field("primaryUpdateStrategy", enumOf("unsupervised", "supervised"))
			.field("primaryUpdateMethod", enumOf("switchover", "restart"))
			.field("priorityClassName", string())
			.field("serviceAccountName", string())
			.field("postgresUID", integer(0))
			.field("postgresGID", integer(0))
			.field("startDelay", integer(1))
			.field("stopDelay", integer(1))
			.field("smartShutdownTimeout", integer(0))
			.field("switchoverDelay", integer(0))
			.field("failoverDelay", integer(0));
	}

}
