package dev.dbaas.pipeline.intake.instance.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.dbaas.pipeline.intake.instance.ChangeDraft;
import dev.dbaas.pipeline.intake.instance.application.ChangeSubmission;
import dev.dbaas.pipeline.intake.order.OrderType;
import dev.dbaas.pipeline.intake.order.Violation;
import dev.dbaas.pipeline.intake.web.JsonValues;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a {@code POST /v1/instances/{id}/orders} body into a {@link ChangeDraft}, as
 * strictly as a create's: unknown and server-assigned fields, duplicate keys and wrong
 * JSON types are reported, each with its JSON pointer, and so are a missing {@code type},
 * a type other than UPDATE or DELETE, UPDATE fields on a DELETE and {@code confirm} on an
 * UPDATE. The same limits on nesting, string and number length as for creates keep
 * hostile documents cheap.
 *
 * <p>
 * Thread-safe.
 */
final class ChangeOrderReader {

	private static final Set<String> SERVER_ASSIGNED = Set.of("id", "orderId", "instanceId", "status", "placedAt",
			"statusUrl", "instanceUrl", "version", "createdAt", "updatedAt");

	private static final List<String> FIELDS = List.of("type", "customerId", "storageGb", "nodeSize", "trustedSources",
			"deletionProtection", "confirm");

	private static final List<String> UPDATE_FIELDS = List.of("storageGb", "nodeSize", "trustedSources",
			"deletionProtection");

	private static final JsonMapper MAPPER = JsonMapper
		.builder(JsonFactory.builder()
			.streamReadConstraints(StreamReadConstraints.builder()
				.maxNestingDepth(16)
				.maxStringLength(16_384)
				.maxNumberLength(64)
				.maxNameLength(1_024)
				.maxDocumentLength(1_048_576)
				.build())
			.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.build())
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	/**
	 * Reads a body.
	 * @param body the raw bytes, possibly empty
	 * @return the draft with every structural problem, or why the body is unreadable
	 */
	ChangeSubmission.Body body(byte @Nullable [] body) {
		if (body == null || body.length == 0) {
			return unreadable("The request body is empty; send the order as a JSON object, e.g. "
					+ "{\"type\": \"UPDATE\", \"storageGb\": 100}.");
		}
		JsonNode root;
		try {
			root = MAPPER.readTree(body);
		}
		catch (JacksonException ex) {
			return unreadable("The request body is not valid JSON: " + ex.getOriginalMessage() + ".");
		}
		if (root == null || root.isMissingNode()) {
			return unreadable("The request body is empty; send the order as a JSON object.");
		}
		if (!root.isObject()) {
			return unreadable("The request body must be a JSON object with the order's fields.");
		}
		List<Violation> problems = new ArrayList<>();
		for (String name : root.propertyNames()) {
			if (!FIELDS.contains(name)) {
				String pointer = "/" + name.replace("~", "~0").replace("/", "~1");
				problems.add(new Violation(pointer, SERVER_ASSIGNED.contains(name)
						? "'" + name + "' is assigned by the server and must not be sent; remove it" : "unknown field '"
								+ JsonValues.clip(name) + "'; the fields here are " + String.join(", ", FIELDS)));
			}
		}
		OrderType type = type(root, problems);
		if (type == OrderType.DELETE) {
			UPDATE_FIELDS.stream()
				.filter(root::has)
				.forEach((name) -> problems.add(new Violation("/" + name,
						"a DELETE changes no settings; remove " + name + " or send it in an UPDATE")));
		}
		if (type == OrderType.UPDATE && root.has("confirm")) {
			problems.add(new Violation("/confirm", "only a DELETE is confirmed; remove confirm from the UPDATE"));
		}
		ChangeDraft draft = new ChangeDraft(type, string(root, "customerId", problems),
				integer(root, "storageGb", problems), string(root, "nodeSize", problems),
				trustedSources(root, problems), bool(root, "deletionProtection", problems),
				string(root, "confirm", problems));
		return new ChangeSubmission.Body.Read(draft, problems);
	}

	private static @Nullable OrderType type(JsonNode root, List<Violation> problems) {
		JsonNode node = root.get("type");
		if (node == null || node.isNull()) {
			problems.add(new Violation("/type", "type is missing; send UPDATE or DELETE"));
			return null;
		}
		if (!node.isString()) {
			problems.add(new Violation("/type",
					"must be the JSON string UPDATE or DELETE, not " + JsonValues.describe(node)));
			return null;
		}
		return switch (node.stringValue()) {
			case "UPDATE" -> OrderType.UPDATE;
			case "DELETE" -> OrderType.DELETE;
			default -> {
				problems.add(new Violation("/type", "unknown type '" + JsonValues.clip(node.stringValue())
						+ "'; send UPDATE or DELETE (an instance is created with POST /v1/orders)"));
				yield null;
			}
		};
	}

	private static @Nullable String string(JsonNode root, String name, List<Violation> problems) {
		JsonNode node = root.get(name);
		if (node == null || node.isNull()) {
			return null;
		}
		if (!node.isString()) {
			problems.add(new Violation("/" + name, "must be a JSON string, not " + JsonValues.describe(node)));
			return null;
		}
		return node.stringValue();
	}

	private static @Nullable Boolean bool(JsonNode root, String name, List<Violation> problems) {
		JsonNode node = root.get(name);
		if (node == null || node.isNull()) {
			return null;
		}
		if (!node.isBoolean()) {
			problems.add(new Violation("/" + name, "must be true or false, not " + JsonValues.describe(node)));
			return null;
		}
		return node.booleanValue();
	}

	private static @Nullable Long integer(JsonNode root, String name, List<Violation> problems) {
		JsonNode node = root.get(name);
		if (node == null || node.isNull()) {
			return null;
		}
		if (!node.isNumber()) {
			problems.add(new Violation("/" + name,
					"must be a whole number of GB as a JSON number, not " + JsonValues.describe(node)));
			return null;
		}
		if (!node.isIntegralNumber()) {
			problems.add(
					new Violation("/" + name, "must be a whole number of GB, not " + JsonValues.clip(node.asString())));
			return null;
		}
		if (!node.canConvertToLong()) {
			return (node.bigIntegerValue().signum() < 0) ? Long.MIN_VALUE : Long.MAX_VALUE;
		}
		return node.longValue();
	}

	private static @Nullable List<@Nullable String> trustedSources(JsonNode root, List<Violation> problems) {
		JsonNode node = root.get("trustedSources");
		if (node == null || node.isNull()) {
			return null;
		}
		if (!node.isArray()) {
			problems.add(new Violation("/trustedSources", "must be a JSON array, not " + JsonValues.describe(node)));
			return null;
		}
		List<@Nullable String> values = new ArrayList<>(node.size());
		for (int i = 0; i < node.size(); i++) {
			JsonNode element = node.get(i);
			if (element.isString()) {
				values.add(element.stringValue());
			}
			else {
				problems.add(new Violation("/trustedSources/" + i,
						"must be a JSON string, not " + JsonValues.describe(element)));
				values.add(null);
			}
		}
		return values;
	}

	private static ChangeSubmission.Body unreadable(String reason) {
		return new ChangeSubmission.Body.Unreadable(reason);
	}

}
