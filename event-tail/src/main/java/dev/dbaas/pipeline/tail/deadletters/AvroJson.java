package dev.dbaas.pipeline.tail.deadletters;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.IndexedRecord;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a decoded Avro event as plain JSON: fields by name, absent optional fields left
 * out, enums by symbol, times as ISO-8601, unions without Avro's type wrappers. The
 * {@code sealed} admin credentials of a DONE event are replaced by their length: they are
 * encrypted, but an ops listing has no use for them.
 */
final class AvroJson {

	private AvroJson() {
	}

	/**
	 * Puts the fields of a record into a JSON object.
	 * @param record the record
	 * @param node the object to fill
	 * @return {@code node}
	 */
	static ObjectNode fill(IndexedRecord record, ObjectNode node) {
		for (Schema.Field field : record.getSchema().getFields()) {
			Object value = record.get(field.pos());
			if (value == null) {
				continue;
			}
			if (field.name().equals("sealed") && value instanceof CharSequence sealed) {
				node.put(field.name(), "[sealed, " + sealed.length() + " characters]");
				continue;
			}
			put(node, field.name(), value);
		}
		return node;
	}

	private static void put(ObjectNode node, String name, Object value) {
		if (value instanceof IndexedRecord record) {
			fill(record, node.putObject(name));
		}
		else if (value instanceof Collection<?> items) {
			ArrayNode array = node.putArray(name);
			items.forEach((item) -> add(array, item));
		}
		else if (value instanceof Map<?, ?> map) {
			ObjectNode object = node.putObject(name);
			map.forEach((key, item) -> {
				if (item != null) {
					put(object, String.valueOf(key), item);
				}
			});
		}
		else if (value instanceof Integer number) {
			node.put(name, number);
		}
		else if (value instanceof Long number) {
			node.put(name, number);
		}
		else if (value instanceof Double number) {
			node.put(name, number);
		}
		else if (value instanceof Float number) {
			node.put(name, number);
		}
		else if (value instanceof Boolean bool) {
			node.put(name, bool);
		}
		else {
			node.put(name, scalar(value));
		}
	}

	private static void add(ArrayNode array, Object item) {
		if (item == null) {
			array.addNull();
		}
		else if (item instanceof IndexedRecord record) {
			fill(record, array.addObject());
		}
		else if (item instanceof Long || item instanceof Integer) {
			array.add(((Number) item).longValue());
		}
		else if (item instanceof Boolean bool) {
			array.add(bool);
		}
		else {
			array.add(scalar(item));
		}
	}

	private static String scalar(Object value) {
		if (value instanceof Enum<?> symbol) {
			return symbol.name();
		}
		if (value instanceof GenericEnumSymbol<?> symbol) {
			return symbol.toString();
		}
		if (value instanceof Instant instant) {
			return instant.toString();
		}
		if (value instanceof ByteBuffer buffer) {
			ByteBuffer copy = buffer.duplicate();
			byte[] bytes = new byte[copy.remaining()];
			copy.get(bytes);
			return Base64.getEncoder().encodeToString(bytes);
		}
		return value.toString();
	}

}
