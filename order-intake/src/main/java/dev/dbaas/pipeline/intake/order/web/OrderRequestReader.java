package dev.dbaas.pipeline.intake.order.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

import dev.dbaas.pipeline.intake.order.OrderDraft;
import dev.dbaas.pipeline.intake.order.OrderDraft.AcceptedDocumentDraft;
import dev.dbaas.pipeline.intake.order.OrderDraft.InvoiceProfileDraft;
import dev.dbaas.pipeline.intake.order.OrderDraft.NewInvoiceProfileDraft;
import dev.dbaas.pipeline.intake.order.Violation;
import dev.dbaas.pipeline.intake.order.application.Submission;
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
 * Reads a {@code POST /v1/orders} body into an {@link OrderDraft}, strictly: unknown and
 * server-assigned fields, duplicate keys and wrong JSON types are all reported, each with
 * its JSON pointer, instead of being ignored or coerced. Limits on nesting depth, string
 * and number length keep hostile documents cheap to reject.
 *
 * <p>
 * Thread-safe.
 */
final class OrderRequestReader {

	static final int MAX_NESTING_DEPTH = 16;

	private static final Set<String> SERVER_ASSIGNED = Set.of("id", "orderId", "status", "placedAt", "statusUrl",
			"createdAt", "updatedAt");

	private static final List<String> ORDER_FIELDS = List.of("customerId", "databaseType", "databaseVersion",
			"nodeSize", "storageGb", "trustedSources", "region", "invoiceProfile", "acceptedDocuments");

	private static final List<String> INVOICE_FIELDS = List.of("existingId", "new");

	private static final List<String> NEW_INVOICE_FIELDS = List.of("companyName", "email", "street", "postalCode",
			"city", "country", "vatId");

	private static final List<String> DOCUMENT_FIELDS = List.of("id", "version");

	private static final JsonMapper MAPPER = JsonMapper
		.builder(JsonFactory.builder()
			.streamReadConstraints(StreamReadConstraints.builder()
				.maxNestingDepth(MAX_NESTING_DEPTH)
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
	 * @return the draft and every structural problem found
	 * @throws UnreadableBodyException if the bytes are not one JSON object within the
	 * limits
	 */
	Read read(byte @Nullable [] body) {
		if (body == null || body.length == 0) {
			throw new UnreadableBodyException("The request body is empty; send the order as a JSON object.");
		}
		JsonNode root;
		try {
			root = MAPPER.readTree(body);
		}
		catch (JacksonException ex) {
			throw new UnreadableBodyException(
					"The request body is not valid JSON: " + ex.getOriginalMessage() + location(ex) + ".");
		}
		if (root == null || root.isMissingNode()) {
			throw new UnreadableBodyException("The request body is empty; send the order as a JSON object.");
		}
		if (!root.isObject()) {
			throw new UnreadableBodyException("The request body must be a JSON object with the order's fields.");
		}
		List<Violation> problems = new ArrayList<>();
		checkFields(root, "", ORDER_FIELDS, problems);
		OrderDraft draft = new OrderDraft(string(root, "/customerId", problems),
				string(root, "/databaseType", problems), string(root, "/databaseVersion", problems),
				string(root, "/nodeSize", problems), integer(root, "/storageGb", problems),
				list(root, "/trustedSources", problems, (element, pointer) -> stringValue(element, pointer, problems)),
				string(root, "/region", problems), invoiceProfile(root, problems),
				list(root, "/acceptedDocuments", problems, (element, pointer) -> document(element, pointer, problems)));
		return new Read(draft, problems);
	}

	/**
	 * Reads a body for a {@link Submission}.
	 * @param body the raw bytes, possibly empty
	 * @return the draft with every structural problem, or why the body is unreadable
	 */
	Submission.Body body(byte @Nullable [] body) {
		try {
			Read read = read(body);
			return new Submission.Body.Read(read.draft(), read.problems());
		}
		catch (UnreadableBodyException ex) {
			return new Submission.Body.Unreadable(ex.getMessage());
		}
	}

	private static void checkFields(JsonNode object, String pointer, List<String> known, List<Violation> problems) {
		for (String name : object.propertyNames()) {
			if (known.contains(name)) {
				continue;
			}
			String fieldPointer = pointer + "/" + escape(name);
			if (pointer.isEmpty() && SERVER_ASSIGNED.contains(name)) {
				problems.add(new Violation(fieldPointer,
						"'" + name + "' is assigned by the server and must not be sent; remove it"));
			}
			else {
				problems.add(new Violation(fieldPointer, "unknown field '" + JsonValues.clip(name)
						+ "'; the fields here are " + String.join(", ", known)));
			}
		}
	}

	private static @Nullable String string(JsonNode parent, String pointer, List<Violation> problems) {
		JsonNode node = parent.get(name(pointer));
		return (node != null) ? stringValue(node, pointer, problems) : null;
	}

	private static @Nullable String stringValue(JsonNode node, String pointer, List<Violation> problems) {
		if (node.isNull()) {
			return null;
		}
		if (!node.isString()) {
			problems.add(new Violation(pointer, "must be a JSON string, not " + JsonValues.describe(node)));
			return null;
		}
		return node.stringValue();
	}

	private static @Nullable Long integer(JsonNode parent, String pointer, List<Violation> problems) {
		JsonNode node = parent.get(name(pointer));
		if (node == null || node.isNull()) {
			return null;
		}
		if (!node.isNumber()) {
			problems.add(new Violation(pointer,
					"must be a whole number of GB as a JSON number, not " + JsonValues.describe(node)));
			return null;
		}
		if (!node.isIntegralNumber()) {
			problems
				.add(new Violation(pointer, "must be a whole number of GB, not " + JsonValues.clip(node.asString())));
			return null;
		}
		if (!node.canConvertToLong()) {
			// Far out of any range: let the range rule report it.
			return (node.bigIntegerValue().signum() < 0) ? Long.MIN_VALUE : Long.MAX_VALUE;
		}
		return node.longValue();
	}

	private static <T> @Nullable List<@Nullable T> list(JsonNode parent, String pointer, List<Violation> problems,
			BiFunction<JsonNode, String, @Nullable T> element) {
		JsonNode node = parent.get(name(pointer));
		if (node == null || node.isNull()) {
			return null;
		}
		if (!node.isArray()) {
			problems.add(new Violation(pointer, "must be a JSON array, not " + JsonValues.describe(node)));
			return null;
		}
		List<@Nullable T> values = new ArrayList<>(node.size());
		for (int i = 0; i < node.size(); i++) {
			values.add(element.apply(node.get(i), pointer + "/" + i));
		}
		return values;
	}

	private static @Nullable InvoiceProfileDraft invoiceProfile(JsonNode root, List<Violation> problems) {
		JsonNode node = root.get("invoiceProfile");
		if (node == null || node.isNull()) {
			return null;
		}
		if (!node.isObject()) {
			problems.add(new Violation("/invoiceProfile", "must be a JSON object, not " + JsonValues.describe(node)));
			return null;
		}
		checkFields(node, "/invoiceProfile", INVOICE_FIELDS, problems);
		String existingId = string(node, "/invoiceProfile/existingId", problems);
		JsonNode created = node.get("new");
		NewInvoiceProfileDraft newProfile = null;
		if (created != null && !created.isNull()) {
			if (!created.isObject()) {
				problems.add(new Violation("/invoiceProfile/new",
						"must be a JSON object, not " + JsonValues.describe(created)));
			}
			else {
				String base = "/invoiceProfile/new/";
				checkFields(created, "/invoiceProfile/new", NEW_INVOICE_FIELDS, problems);
				newProfile = new NewInvoiceProfileDraft(string(created, base + "companyName", problems),
						string(created, base + "email", problems), string(created, base + "street", problems),
						string(created, base + "postalCode", problems), string(created, base + "city", problems),
						string(created, base + "country", problems), string(created, base + "vatId", problems));
			}
		}
		return new InvoiceProfileDraft(node.has("existingId"), existingId, node.has("new"), newProfile);
	}

	private static @Nullable AcceptedDocumentDraft document(JsonNode node, String pointer, List<Violation> problems) {
		if (!node.isObject()) {
			problems.add(new Violation(pointer,
					"must be a JSON object {\"id\": ..., \"version\": ...}, not " + JsonValues.describe(node)));
			return null;
		}
		checkFields(node, pointer, DOCUMENT_FIELDS, problems);
		return new AcceptedDocumentDraft(string(node, pointer + "/id", problems),
				string(node, pointer + "/version", problems));
	}

	private static String name(String pointer) {
		return pointer.substring(pointer.lastIndexOf('/') + 1);
	}

	/** RFC 6901 escaping of a property name inside a JSON pointer. */
	static String escape(String name) {
		return name.replace("~", "~0").replace("/", "~1");
	}

	private static String location(JacksonException ex) {
		if (ex.getLocation() == null || ex.getLocation().getLineNr() < 0) {
			return "";
		}
		return " (line " + ex.getLocation().getLineNr() + ", column " + ex.getLocation().getColumnNr() + ")";
	}

	/**
	 * A body read into a draft.
	 *
	 * @param draft the draft; fields with structural problems are {@code null}
	 * @param problems unknown fields and wrong types, with their pointers
	 */
	record Read(OrderDraft draft, List<Violation> problems) {

		Read {
			problems = List.copyOf(problems);
		}

	}

	/**
	 * The body is not a single JSON object within the limits.
	 */
	static final class UnreadableBodyException extends RuntimeException {

		UnreadableBodyException(String message) {
			super(message);
		}

	}

}
