package dev.dbaas.pipeline.localinfra.sample;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import dev.dbaas.pipeline.events.AcceptedDocument;
import dev.dbaas.pipeline.events.DatabaseType;
import dev.dbaas.pipeline.events.ExistingInvoiceProfile;
import dev.dbaas.pipeline.events.OrderPlaced;
import dev.dbaas.pipeline.events.OrderType;
import dev.dbaas.pipeline.schemas.EventSchemas;
import org.jspecify.annotations.Nullable;

/**
 * A valid order for order-intake's default catalog: MariaDB 10.11 on b2-4 with 50 GB in
 * DE-WEST-1 for customer c-1001, two trusted sources, the existing invoice profile
 * inv-7781 and every current document (version 2025-01) accepted. Change it field by
 * field, then take the request body with {@link #toJson()}; {@link #anOrderPlaced()} is
 * the event order-intake publishes for it.
 *
 * <p>
 * The body keeps its fields in the order they were set (a field set again keeps its
 * place, one removed and set again goes last) and is compact JSON without white space.
 * Not thread-safe: a builder belongs to one test or one caller.
 */
public final class ValidOrder {

	/** The documents of the default catalog, each in version 2025-01. */
	public static final List<String> DOCUMENTS = List.of("terms-of-service", "data-processing-agreement",
			"service-description");

	private static final String DOCUMENT_VERSION = "2025-01";

	private final Map<String, @Nullable Object> fields = new LinkedHashMap<>();

	private ValidOrder() {
		this.fields.put("customerId", "c-1001");
		this.fields.put("databaseType", "MARIADB");
		this.fields.put("databaseVersion", "10.11");
		this.fields.put("nodeSize", "b2-4");
		this.fields.put("storageGb", 50);
		this.fields.put("trustedSources", List.of("123.123.123.123/32", "222.222.222.128/28"));
		this.fields.put("region", "DE-WEST-1");
		this.fields.put("invoiceProfile", Map.of("existingId", "inv-7781"));
		List<Map<String, String>> documents = new ArrayList<>();
		DOCUMENTS.forEach((id) -> documents.add(orderedMap("id", id, "version", DOCUMENT_VERSION)));
		this.fields.put("acceptedDocuments", documents);
	}

	/**
	 * A fresh valid order.
	 * @return a builder to change
	 */
	public static ValidOrder aValidOrder() {
		return new ValidOrder();
	}

	/**
	 * The {@code OrderPlaced} event of this order as order-intake publishes it, with
	 * fresh event and order ids.
	 * @return a builder to adjust
	 */
	public static OrderPlaced.Builder anOrderPlaced() {
		// build() takes the v3 enum default (type = CREATE), which Avro 1.12 loads only
		// from a trusted package; EventSchemas trusts the events package when it loads.
		EventSchemas.eventTypes();
		return OrderPlaced.newBuilder()
			.setEventId(UUID.randomUUID().toString())
			.setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
			.setOrderId(UUID.randomUUID().toString())
			.setType(OrderType.CREATE)
			.setCustomerId("c-1001")
			.setDatabaseType(DatabaseType.MARIADB)
			.setDatabaseVersion("10.11")
			.setNodeSize("b2-4")
			.setStorageGb(50)
			.setTrustedSources(List.of("123.123.123.123/32", "222.222.222.128/28"))
			.setRegion("DE-WEST-1")
			.setInvoiceProfile(new ExistingInvoiceProfile("inv-7781"))
			.setAcceptedDocuments(DOCUMENTS.stream().map((id) -> new AcceptedDocument(id, DOCUMENT_VERSION)).toList());
	}

	/**
	 * Sets the customer.
	 * @param customerId e.g. {@code c-1002}
	 * @return this builder
	 */
	public ValidOrder withCustomerId(String customerId) {
		return with("customerId", customerId);
	}

	/**
	 * Sets the storage size.
	 * @param storageGb gigabytes
	 * @return this builder
	 */
	public ValidOrder withStorageGb(long storageGb) {
		return with("storageGb", storageGb);
	}

	/**
	 * Sets the region.
	 * @param region e.g. {@code DE-NORTH-2}
	 * @return this builder
	 */
	public ValidOrder withRegion(String region) {
		return with("region", region);
	}

	/**
	 * Sets any field to any JSON value, valid or not (a test of a rule or of a hostile
	 * body sets what it is about).
	 * @param field the field name
	 * @param value a string, number, boolean, {@code null}, a list or a map of these
	 * @return this builder
	 */
	public ValidOrder with(String field, @Nullable Object value) {
		this.fields.put(field, value);
		return this;
	}

	/**
	 * Removes a field.
	 * @param field the field name
	 * @return this builder
	 */
	public ValidOrder without(String field) {
		this.fields.remove(field);
		return this;
	}

	/**
	 * The request body.
	 * @return compact JSON
	 * @throws IllegalArgumentException if a value set is not a JSON value
	 */
	public String toJson() {
		StringBuilder json = new StringBuilder(512);
		write(this.fields, json);
		return json.toString();
	}

	@Override
	public String toString() {
		return toJson();
	}

	private static Map<String, String> orderedMap(String key1, String value1, String key2, String value2) {
		Map<String, String> map = new LinkedHashMap<>();
		map.put(key1, value1);
		map.put(key2, value2);
		return map;
	}

	private static void write(@Nullable Object value, StringBuilder json) {
		if (value == null || value instanceof Boolean || value instanceof Integer || value instanceof Long
				|| value instanceof Short || value instanceof Byte) {
			json.append(value);
		}
		else if (value instanceof Number number) {
			double real = number.doubleValue();
			if (Double.isNaN(real) || Double.isInfinite(real)) {
				throw new IllegalArgumentException("Not a JSON number: " + number);
			}
			json.append(number);
		}
		else if (value instanceof CharSequence text) {
			writeString(text.toString(), json);
		}
		else if (value instanceof Map<?, ?> map) {
			json.append('{');
			boolean first = true;
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				json.append(first ? "" : ",");
				first = false;
				writeString(String.valueOf(entry.getKey()), json);
				json.append(':');
				write(entry.getValue(), json);
			}
			json.append('}');
		}
		else if (value instanceof Iterable<?> list) {
			json.append('[');
			boolean first = true;
			for (Object element : list) {
				json.append(first ? "" : ",");
				first = false;
				write(element, json);
			}
			json.append(']');
		}
		else {
			throw new IllegalArgumentException("Not a JSON value: " + value.getClass().getName());
		}
	}

	private static void writeString(String text, StringBuilder json) {
		json.append('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '"' -> json.append("\\\"");
				case '\\' -> json.append("\\\\");
				case '\n' -> json.append("\\n");
				case '\r' -> json.append("\\r");
				case '\t' -> json.append("\\t");
				default -> {
					if (c < 0x20) {
						json.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
					}
					else {
						json.append(c);
					}
				}
			}
		}
		json.append('"');
	}

}
