package dev.dbaas.pipeline.schemas;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * Checks that a current schema and every released version can read each other's data
 * (full transitive compatibility), using Avro's own {@link SchemaCompatibility}.
 *
 * <p>
 * One rule is stricter than Avro's: an enum symbol, once released, is never removed. Avro
 * accepts the removal when the enum has a default, but every reader would then silently
 * see the default instead of, say, {@code FAILED}.
 */
public final class SchemaCompatibilityGate {

	private SchemaCompatibilityGate() {
	}

	/**
	 * Finds every incompatibility between the current schema and the released versions.
	 * @param current the schema the code writes and reads today
	 * @param released the released versions
	 * @return one human-readable line per problem, naming schema, version, direction and
	 * incompatibility; empty when fully compatible
	 */
	public static List<String> violations(Schema current, List<EventSchemas.ReleasedSchema> released) {
		List<String> problems = new ArrayList<>();
		for (EventSchemas.ReleasedSchema old : released) {
			check(problems, old, "current reader cannot read data written with " + old, current, old.schema());
			check(problems, old, old + " reader cannot read data written with the current schema", old.schema(),
					current);
			removedEnumSymbols(problems, old, current);
		}
		return problems;
	}

	private static void check(List<String> problems, EventSchemas.ReleasedSchema old, String direction, Schema reader,
			Schema writer) {
		SchemaPairCompatibility result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
		if (result.getType() == SchemaCompatibilityType.COMPATIBLE) {
			return;
		}
		for (Incompatibility incompatibility : result.getResult().getIncompatibilities()) {
			problems.add("%s: %s: %s at %s (%s)".formatted(old.name(), direction, incompatibility.getType(),
					incompatibility.getLocation(), incompatibility.getMessage()));
		}
	}

	private static void removedEnumSymbols(List<String> problems, EventSchemas.ReleasedSchema old, Schema current) {
		Map<String, Schema> currentEnums = enums(current, new LinkedHashMap<>());
		enums(old.schema(), new LinkedHashMap<>()).forEach((name, oldEnum) -> {
			Schema now = currentEnums.get(name);
			List<String> kept = (now != null) ? now.getEnumSymbols() : List.of();
			List<String> removed = oldEnum.getEnumSymbols()
				.stream()
				.filter((symbol) -> !kept.contains(symbol))
				.toList();
			if (!removed.isEmpty()) {
				problems.add("%s: current schema removes symbols released in %s: ENUM_SYMBOL_REMOVED at %s (%s)"
					.formatted(old.name(), old, name, String.join(", ", removed)));
			}
		});
	}

	private static Map<String, Schema> enums(Schema schema, Map<String, Schema> found) {
		collectEnums(schema, found, new HashSet<>());
		return found;
	}

	private static void collectEnums(Schema schema, Map<String, Schema> found, Set<String> visitedRecords) {
		switch (schema.getType()) {
			case ENUM -> found.putIfAbsent(schema.getFullName(), schema);
			case RECORD -> {
				if (visitedRecords.add(schema.getFullName())) {
					schema.getFields().forEach((field) -> collectEnums(field.schema(), found, visitedRecords));
				}
			}
			case ARRAY -> collectEnums(schema.getElementType(), found, visitedRecords);
			case MAP -> collectEnums(schema.getValueType(), found, visitedRecords);
			case UNION -> schema.getTypes().forEach((branch) -> collectEnums(branch, found, visitedRecords));
			default -> {
			}
		}
	}

}
