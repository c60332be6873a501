package dev.dbaas.pipeline.schemas;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import dev.dbaas.pipeline.events.OrderPlaced;
import dev.dbaas.pipeline.events.OrderStatusChanged;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The build's compatibility gate: the current schemas and every released version must
 * read each other's data. A failure names the schema, the version and the
 * incompatibility.
 */
class SchemaCompatibilityGateTest {

	static Stream<Class<? extends SpecificRecord>> eventTypes() {
		return EventSchemas.eventTypes().stream();
	}

	@ParameterizedTest(name = "{0} is compatible with every released version")
	@MethodSource("eventTypes")
	void currentSchemaIsCompatibleWithEveryReleasedVersion(Class<? extends SpecificRecord> type) {
		List<EventSchemas.ReleasedSchema> released = EventSchemas.released(type);
		assertThat(released).as("released versions of %s", type.getSimpleName()).isNotEmpty();
		List<String> violations = SchemaCompatibilityGate.violations(EventSchemas.current(type), released);
		assertThat(violations).as("schema compatibility violations").isEmpty();
	}

	static Stream<Arguments> breakingChanges() {
		return Stream.of(
				arguments("a field added without a default", OrderPlaced.getClassSchema(),
						edit("\"fields\" : [ {", "\"fields\" : [ {\"name\": \"priority\", \"type\": \"int\"}, {"),
						"READER_FIELD_MISSING_DEFAULT_VALUE"),
				arguments("an enum symbol removed", OrderStatusChanged.getClassSchema(),
						edit(", \"CANCELLED\" ]", " ]"), "ENUM_SYMBOL_REMOVED"),
				arguments("a field type changed", OrderPlaced.getClassSchema(),
						edit("\"name\" : \"storageGb\",\n    \"type\" : \"int\"",
								"\"name\" : \"storageGb\",\n    \"type\" : \"string\""),
						"TYPE_MISMATCH"));
	}

	@ParameterizedTest(name = "rejects {0}")
	@MethodSource("breakingChanges")
	void rejectsBreakingChangeWithMessageNamingSchemaVersionAndProblem(String change, Schema released,
			UnaryOperator<String> edit, String expectedProblem) {
		String json = released.toString(true);
		String editedJson = edit.apply(json);
		assertThat(editedJson).as("the edit applies").isNotEqualTo(json);
		Schema broken = new Schema.Parser().parse(editedJson);

		List<String> violations = SchemaCompatibilityGate.violations(broken,
				List.of(new EventSchemas.ReleasedSchema(released.getName(), 1, released)));

		assertThat(violations).isNotEmpty()
			.allSatisfy((violation) -> assertThat(violation).startsWith(released.getName() + ": ").contains(" v1"))
			.anySatisfy((violation) -> assertThat(violation).contains(expectedProblem));
	}

	private static UnaryOperator<String> edit(String from, String to) {
		return (json) -> json.replace(from, to);
	}

}
