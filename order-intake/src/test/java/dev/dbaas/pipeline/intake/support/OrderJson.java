package dev.dbaas.pipeline.intake.support;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Test fixture: the JSON body of a valid order for the default catalog, changed field by
 * field.
 */
public final class OrderJson {

	public static final JsonMapper JSON = JsonMapper.builder().build();

	private final ObjectNode body;

	private OrderJson(ObjectNode body) {
		this.body = body;
	}

	public static OrderJson aValidOrder() {
		ObjectNode body = JSON.createObjectNode();
		body.put("customerId", "c-1001");
		body.put("databaseType", "MARIADB");
		body.put("databaseVersion", "10.11");
		body.put("nodeSize", "b2-4");
		body.put("storageGb", 50);
		body.putArray("trustedSources").add("123.123.123.123/32").add("222.222.222.128/28");
		body.put("region", "DE-WEST-1");
		body.putObject("invoiceProfile").put("existingId", "inv-7781");
		ArrayNode documents = body.putArray("acceptedDocuments");
		for (String id : new String[] { "terms-of-service", "data-processing-agreement", "service-description" }) {
			documents.addObject().put("id", id).put("version", "2025-01");
		}
		return new OrderJson(body);
	}

	public OrderJson with(String field, Object value) {
		this.body.set(field, JSON.valueToTree(value));
		return this;
	}

	public OrderJson without(String field) {
		this.body.remove(field);
		return this;
	}

	public OrderJson withCustomerId(String customerId) {
		return with("customerId", customerId);
	}

	public JsonNode tree() {
		return this.body;
	}

	public String json() {
		return JSON.writeValueAsString(this.body);
	}

}
