package dev.dbaas.pipeline.intake.order;

import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The portal's ids that an order refers to ({@link CustomerId},
 * {@link InvoiceProfileId}): every hostile input next to the reason it is rejected.
 */
class ReferenceIdsTest {

	private static final String RULE = " must be 1 to 64 characters: letters, digits, '.', '_' or '-', starting with a "
			+ "letter or digit";

	static Stream<Arguments> ids() {
		return Stream.of(Arguments.of("customerId", (Function<String, Parsed<?>>) CustomerId::parse),
				Arguments.of("existingId", (Function<String, Parsed<?>>) InvoiceProfileId::parse));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("ids")
	void acceptsLettersDigitsDotsUnderscoresAndDashes(String field, Function<String, Parsed<?>> parse) {
		assertThat(parse.apply("c-1001")).isInstanceOf(Parsed.Valid.class);
		assertThat(parse.apply("7.a_B-c")).isInstanceOf(Parsed.Valid.class);
		assertThat(parse.apply("x".repeat(64))).isInstanceOf(Parsed.Valid.class);
	}

	static Stream<Arguments> hostileInputs() {
		return ids().flatMap((id) -> Stream.of(hostile(id, "", "empty", null), hostile(id, " ", "blank", null),
				hostile(id, " c-1001 ", "surrounding spaces", "c-1001"), hostile(id, "c 1001", "a space inside", null),
				hostile(id, "x".repeat(65), "65 characters", null), hostile(id, "-c", "starts with a dash", null),
				hostile(id, ".c", "starts with a dot", null), hostile(id, "c/../d", "a slash", null),
				hostile(id, "c;DROP", "a semicolon", null), hostile(id, "c\n", "a line break", "c"),
				hostile(id, "ç-1001", "a letter outside ASCII", null),
				hostile(id, "c\u0000", "a NUL character", null)));
	}

	@ParameterizedTest(name = "{0}: {3}")
	@MethodSource("hostileInputs")
	void rejectsWithTheRule(String field, Function<String, Parsed<?>> parse, String input, String reason,
			String suggestion) {
		assertThat(parse.apply(input)).as(reason).isEqualTo(new Parsed.Invalid<>(field + RULE, suggestion));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("ids")
	void cannotBeCreatedInvalid(String field) {
		assertThatThrownBy(() -> create(field, "c 1001")).isInstanceOf(InvalidOrderValue.class)
			.extracting((ex) -> ((InvalidOrderValue) ex).detail())
			.isEqualTo(field + RULE);
	}

	private static Object create(String field, String value) {
		return field.equals("customerId") ? new CustomerId(value) : new InvoiceProfileId(value);
	}

	private static Arguments hostile(Arguments id, String input, String reason, String suggestion) {
		return Arguments.of(id.get()[0], id.get()[1], input, reason, suggestion);
	}

}
