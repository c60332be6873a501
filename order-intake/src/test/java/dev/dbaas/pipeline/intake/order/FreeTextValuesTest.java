package dev.dbaas.pipeline.intake.order;

import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The one-line text values of an invoice address ({@link CompanyName}, {@link Street},
 * {@link City}): every hostile input next to the reason it is rejected.
 */
class FreeTextValuesTest {

	static Stream<Arguments> values() {
		return Stream.of(value("companyName", 200, CompanyName::parse, CompanyName::new),
				value("street", 200, Street::parse, Street::new), value("city", 100, City::parse, City::new));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("values")
	void acceptsOneLineUpToTheLimit(String field, int maxLength, Function<String, Parsed<?>> parse,
			Function<String, Object> create) {
		assertThat(parse.apply("Köln-Ehrenfeld GmbH & Co. KG")).isInstanceOf(Parsed.Valid.class);
		assertThat(parse.apply("x".repeat(maxLength))).isInstanceOf(Parsed.Valid.class);
	}

	static Stream<Arguments> hostileInputs() {
		return values().flatMap((value) -> {
			String field = (String) value.get()[0];
			int max = (int) value.get()[1];
			return Stream.of(hostile(value, "", field + " is blank; fill it in", null),
					hostile(value, "   ", field + " is blank; fill it in", null),
					hostile(value, "\u2003", field + " is blank; fill it in", null),
					hostile(value, "x".repeat(max + 1),
							field + " has " + (max + 1) + " characters; at most " + max + " are allowed", null),
					hostile(value, "A\nB", field + " contains control characters such as line breaks; remove them",
							"A B"),
					hostile(value, "A\r\n\tB\n",
							field + " contains control characters such as line breaks; remove them", "A B"),
					hostile(value, "A\u0000", field + " contains control characters such as line breaks; remove them",
							"A"),
					hostile(value, "A\u0085B", field + " contains control characters such as line breaks; remove them",
							"A B"));
		});
	}

	@ParameterizedTest(name = "{0}: {4}")
	@MethodSource("hostileInputs")
	void rejectsWithTheReasonAndAOneLineSpellingWhereThatHelps(String field, Function<String, Parsed<?>> parse,
			Function<String, Object> create, String input, String detail, String suggestion) {
		assertThat(parse.apply(input)).isEqualTo(new Parsed.Invalid<>(detail, suggestion));
		assertThatThrownBy(() -> create.apply(input)).isInstanceOf(InvalidOrderValue.class)
			.extracting((ex) -> ((InvalidOrderValue) ex).detail())
			.isEqualTo(detail);
	}

	private static Arguments value(String field, int maxLength, Function<String, Parsed<?>> parse,
			Function<String, Object> create) {
		return Arguments.of(field, maxLength, parse, create);
	}

	private static Arguments hostile(Arguments value, String input, String detail, String suggestion) {
		Object[] v = value.get();
		return Arguments.of(v[0], v[2], v[3], input, detail, suggestion);
	}

}
