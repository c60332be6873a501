package dev.dbaas.pipeline.deploy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;

/**
 * Checks one Kubernetes object, as a map parsed from YAML, against the schema of its
 * kind, and returns every problem with its path. Core kinds go through fabric8's
 * Kubernetes model, Strimzi's kinds through Strimzi's own {@code io.strimzi:api} model
 * (both keep fields they do not know in {@code additionalProperties}, so any non-empty
 * one anywhere in the tree is an unknown field), CloudNativePG's kinds through
 * {@link CnpgSchema}. Scalars are not coerced: a number where a string belongs, or a
 * string where a number belongs, fails. A kind this class does not know fails too, so
 * nothing is applied unchecked.
 */
final class ManifestChecker {

	private static final Map<String, Class<?>> MODELS = Map.of("v1 Service", Service.class, "v1 ConfigMap",
			ConfigMap.class, "v1 Secret", Secret.class, "apps/v1 Deployment", Deployment.class,
			"policy/v1 PodDisruptionBudget", PodDisruptionBudget.class, "autoscaling/v2 HorizontalPodAutoscaler",
			HorizontalPodAutoscaler.class, "networking.k8s.io/v1 NetworkPolicy", NetworkPolicy.class,
			"kafka.strimzi.io/v1 Kafka", Kafka.class, "kafka.strimzi.io/v1 KafkaNodePool", KafkaNodePool.class,
			"kafka.strimzi.io/v1 KafkaTopic", KafkaTopic.class);

	private static final Map<String, Class<?>> MORE_MODELS = Map.of("kafka.strimzi.io/v1 KafkaUser", KafkaUser.class);

	private static final Map<String, CnpgSchema.Type> SCHEMAS = Map.of("postgresql.cnpg.io/v1 Cluster",
			CnpgSchema.CLUSTER, "postgresql.cnpg.io/v1 Database", CnpgSchema.DATABASE);

	private static final ObjectMapper STRICT = strictMapper();

	private ManifestChecker() {
	}

	/**
	 * Checks one object.
	 * @param object the object as parsed from YAML (maps, lists, scalars)
	 * @return its problems, each starting with the kind and name; empty when it conforms
	 */
	static List<String> check(Map<String, Object> object) {
		String apiVersion = String.valueOf(object.get("apiVersion"));
		String kind = String.valueOf(object.get("kind"));
		Object metadata = object.get("metadata");
		Object name = (metadata instanceof Map<?, ?> map) ? map.get("name") : null;
		String where = kind + " " + name;
		String key = apiVersion + " " + kind;
		List<String> problems = new ArrayList<>();
		if (name == null) {
			problems.add(where + ": metadata.name is missing");
		}
		Class<?> model = MODELS.getOrDefault(key, MORE_MODELS.get(key));
		CnpgSchema.Type schema = SCHEMAS.get(key);
		if (model != null) {
			problems.addAll(checkModel(where, object, model));
		}
		else if (schema != null) {
			problems.addAll(schema.check(where, object));
		}
		else {
			problems.add(where + ": no schema for " + key + " (ManifestChecker knows " + known() + ")");
		}
		return problems;
	}

	/**
	 * Reads a value into a Java model and reports what did not fit: a mistyped value as
	 * Jackson says it, and every field that ended up in an {@code additionalProperties}
	 * map.
	 * @param path where the value is, for the messages
	 * @param value the value as parsed from YAML
	 * @param model fabric8's or Strimzi's class for it
	 * @return the problems; empty when the value conforms
	 */
	static List<String> checkModel(String path, Object value, Class<?> model) {
		Object typed;
		try {
			typed = STRICT.convertValue(value, model);
		}
		catch (IllegalArgumentException ex) {
			if (ex.getCause() instanceof JsonMappingException mapping) {
				String at = mapping.getPath()
					.stream()
					.map((reference) -> (reference.getFieldName() != null) ? "." + reference.getFieldName()
							: "[" + reference.getIndex() + "]")
					.collect(Collectors.joining());
				return List.of(path + at + ": does not fit " + model.getSimpleName() + ": "
						+ mapping.getOriginalMessage().lines().findFirst().orElse(""));
			}
			return List.of(path + ": does not fit " + model.getSimpleName() + ": " + ex.getMessage());
		}
		List<String> problems = new ArrayList<>();
		collectUnknownFields(path, typed, problems, new IdentityHashMap<>());
		return problems;
	}

	private static void collectUnknownFields(String path, Object value, List<String> problems,
			Map<Object, Boolean> seen) {
		if (value instanceof Collection<?> items) {
			int i = 0;
			for (Object item : items) {
				collectUnknownFields(path + "[" + i++ + "]", item, problems, seen);
			}
			return;
		}
		if (value instanceof Map<?, ?> map) {
			map.forEach((key, item) -> collectUnknownFields(path + "." + key, item, problems, seen));
			return;
		}
		if (!isModel(value) || seen.put(value, Boolean.TRUE) != null) {
			return;
		}
		for (Method getter : value.getClass().getMethods()) {
			if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
					|| getter.getDeclaringClass() == Object.class || !getter.getName().startsWith("get")) {
				continue;
			}
			Object child = invoke(getter, value);
			String field = jsonName(getter);
			if (getter.isAnnotationPresent(Deprecated.class) && isSet(child)) {
				// Strimzi's one model serves every API version; fields dropped from
				// kafka.strimzi.io/v1 are
				// the deprecated ones.
				problems.add(path + "." + field + ": deprecated field of " + value.getClass().getSimpleName()
						+ " (not part of the v1 API)");
			}
			if (getter.getName().equals("getAdditionalProperties")) {
				if (child instanceof Map<?, ?> unknown && !unknown.isEmpty()) {
					problems.add(path + ": unknown field(s) " + unknown.keySet() + " for "
							+ value.getClass().getSimpleName());
				}
			}
			else if (child != null) {
				collectUnknownFields(path + "." + field, child, problems, seen);
			}
		}
	}

	private static String jsonName(Method getter) {
		JsonProperty property = getter.getAnnotation(JsonProperty.class);
		if (property != null && !property.value().isEmpty()) {
			return property.value();
		}
		String name = getter.getName();
		return (name.length() > 3) ? Character.toLowerCase(name.charAt(3)) + name.substring(4) : name;
	}

	private static boolean isSet(Object value) {
		return value != null && !(value instanceof Collection<?> items && items.isEmpty())
				&& !(value instanceof Map<?, ?> map && map.isEmpty());
	}

	private static boolean isModel(Object value) {
		if (value == null || value.getClass().isEnum()) {
			return false;
		}
		String name = value.getClass().getName();
		return name.startsWith("io.fabric8.kubernetes.api.model.") || name.startsWith("io.strimzi.api.");
	}

	private static Object invoke(Method getter, Object target) {
		try {
			return getter.invoke(target);
		}
		catch (IllegalAccessException | InvocationTargetException ex) {
			throw new IllegalStateException("Cannot read " + getter + " of " + target.getClass().getName(), ex);
		}
	}

	private static List<String> known() {
		List<String> keys = new ArrayList<>(MODELS.keySet());
		keys.addAll(MORE_MODELS.keySet());
		keys.addAll(SCHEMAS.keySet());
		return keys.stream().sorted().toList();
	}

	private static ObjectMapper strictMapper() {
		JsonMapper mapper = JsonMapper.builder()
			.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
			.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
			.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
			.build();
		for (CoercionInputShape shape : List.of(CoercionInputShape.Integer, CoercionInputShape.Float,
				CoercionInputShape.Boolean)) {
			mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
		}
		return mapper;
	}

}
