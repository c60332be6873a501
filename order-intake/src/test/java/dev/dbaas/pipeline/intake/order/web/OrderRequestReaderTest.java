package dev.dbaas.pipeline.intake.order.web;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.dbaas.pipeline.intake.order.OrderDraft;
import dev.dbaas.pipeline.intake.order.Violation;
import dev.dbaas.pipeline.localinfra.sample.ValidOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static dev.dbaas.pipeline.testkit.fixtures.Orders.aValidOrder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The structural rules of the request body (400): types, unknown and server-assigned
 * fields, and documents too hostile to parse.
 */
class OrderRequestReaderTest {

	private final OrderRequestReader reader = new OrderRequestReader();

	@Test
	void readsTheValidOrderWithoutProblems() {
		OrderRequestReader.Read read = read(aValidOrder().toJson());

		assertThat(read.problems()).isEmpty();
		OrderDraft draft = read.draft();
		assertThat(draft.storageGb()).isEqualTo(50L);
		assertThat(draft.trustedSources()).containsExactly("123.123.123.123/32", "222.222.222.128/28");
		assertThat(draft.invoiceProfile().existingIdPresent()).isTrue();
		assertThat(draft.acceptedDocuments()).hasSize(3);
	}

	@Test
	void passesLargeWholeNumbersOnToTheRangeRule() {
		assertThat(read(aValidOrder().with("storageGb", 1_000_000_000_000L).toJson()).draft().storageGb())
			.isEqualTo(1_000_000_000_000L);
		assertThat(read(aValidOrder().toJson().replace("\"storageGb\":50", "\"storageGb\":" + "9".repeat(40))).draft()
			.storageGb()).isEqualTo(Long.MAX_VALUE);
	}

	static Stream<Arguments> structuralProblems() {
		return Stream.of(
				Arguments.of("storage as a string", aValidOrder().with("storageGb", "a string"), "/storageGb",
						"must be a whole number of GB as a JSON number, not the string \"a string\""),
				Arguments.of("storage as a fraction", aValidOrder().with("storageGb", 50.5), "/storageGb",
						"must be a whole number of GB, not 50.5"),
				Arguments.of("storage as a boolean", aValidOrder().with("storageGb", true), "/storageGb",
						"not the boolean true"),
				Arguments.of("customerId as a number", aValidOrder().with("customerId", 1001), "/customerId",
						"must be a JSON string, not the number 1001"),
				Arguments.of("trusted sources as a string", aValidOrder().with("trustedSources", "8.8.8.8"),
						"/trustedSources", "must be a JSON array"),
				Arguments.of("a trusted source as a number", aValidOrder().with("trustedSources", List.of(134744072)),
						"/trustedSources/0", "must be a JSON string"),
				Arguments.of("invoice profile as a string", aValidOrder().with("invoiceProfile", "inv-7781"),
						"/invoiceProfile", "must be a JSON object"),
				Arguments.of("unknown invoice field",
						aValidOrder().with("invoiceProfile", Map.of("existingID", "inv-1")),
						"/invoiceProfile/existingID", "unknown field 'existingID'"),
				Arguments.of("document as a string", aValidOrder().with("acceptedDocuments", List.of("tos")),
						"/acceptedDocuments/0", "must be a JSON object"),
				Arguments.of("mass assignment of status", aValidOrder().with("status", "DONE"), "/status",
						"'status' is assigned by the server"),
				Arguments.of("mass assignment of orderId", aValidOrder().with("orderId", "o-1"), "/orderId",
						"'orderId' is assigned by the server"),
				Arguments.of("unknown field", aValidOrder().with("discount", 100), "/discount",
						"unknown field 'discount'"),
				Arguments.of("field name with a slash", aValidOrder().with("a/b~c", 1), "/a~1b~0c", "unknown field"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("structuralProblems")
	void reportsStructuralProblemsWithTheirPointer(String description, ValidOrder body, String pointer, String detail) {
		OrderRequestReader.Read read = read(body.toJson());

		assertThat(read.problems()).extracting(Violation::pointer).containsExactly(pointer);
		assertThat(read.problems().get(0).detail()).contains(detail);
	}

	static Stream<Arguments> unreadableBodies() {
		return Stream.of(Arguments.of("empty", "", "empty"), Arguments.of("whitespace only", "   ", "empty"),
				Arguments.of("truncated", "{\"customerId\": \"c", "not valid JSON"),
				Arguments.of("an array", "[1, 2]", "must be a JSON object"),
				Arguments.of("a string", "\"order\"", "must be a JSON object"),
				Arguments.of("null", "null", "must be a JSON object"),
				Arguments.of("duplicate keys", "{\"storageGb\": 50, \"storageGb\": 500}", "not valid JSON"),
				Arguments.of("trailing tokens", "{} {}", "not valid JSON"),
				Arguments.of("deep nesting", "[".repeat(5_000) + "]".repeat(5_000), "not valid JSON"),
				Arguments.of("deep objects", "{\"a\":".repeat(100) + "1" + "}".repeat(100), "not valid JSON"),
				Arguments.of("a 5,000 digit number", "{\"storageGb\": 1" + "0".repeat(5_000) + "}", "not valid JSON"),
				Arguments.of("NaN", "{\"storageGb\": NaN}", "not valid JSON"),
				Arguments.of("comments", "{/* c */}", "not valid JSON"),
				Arguments.of("single quotes", "{'customerId': 'c'}", "not valid JSON"),
				Arguments.of("invalid UTF-8", new String(new byte[] { '{', '"', (byte) 0xC3, '"', ':', '1', '}' },
						StandardCharsets.ISO_8859_1), "not valid JSON"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("unreadableBodies")
	void rejectsBodiesThatAreNotOneJsonObject(String description, String body, String message) {
		assertThatExceptionOfType(OrderRequestReader.UnreadableBodyException.class)
			.isThrownBy(() -> this.reader.read(body.getBytes(StandardCharsets.ISO_8859_1)))
			.withMessageContaining(message);
	}

	private OrderRequestReader.Read read(String json) {
		return this.reader.read(json.getBytes(StandardCharsets.UTF_8));
	}

}
