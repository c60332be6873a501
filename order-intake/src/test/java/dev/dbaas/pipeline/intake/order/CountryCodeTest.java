package dev.dbaas.pipeline.intake.order;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every hostile country code next to the reason it is rejected.
 */
class CountryCodeTest {

	@ParameterizedTest
	@ValueSource(strings = { "DE", "AT", "CH", "GB", "US", "JP" })
	void acceptsIsoAlpha2CodesInUpperCase(String input) {
		assertThat(CountryCode.parse(input)).isEqualTo(new Parsed.Valid<>(new CountryCode(input)));
	}

	static Stream<Arguments> hostileInputs() {
		return Stream.of(Arguments.of("de", "'de' is not a country code; write it in upper case: DE", "DE"),
				Arguments.of("De", "'De' is not a country code; write it in upper case: DE", "DE"),
				Arguments.of(" DE", "' DE' is not a country code; send an ISO 3166-1 alpha-2 code, e.g. DE", "DE"),
				Arguments.of("XX", "'XX' is not a country code; send an ISO 3166-1 alpha-2 code, e.g. DE", null),
				Arguments.of("DEU", "'DEU' is not a country code; send an ISO 3166-1 alpha-2 code, e.g. DE", null),
				Arguments.of("UK", "'UK' is not a country code; send an ISO 3166-1 alpha-2 code, e.g. DE", null),
				Arguments.of("EU", "'EU' is not a country code; send an ISO 3166-1 alpha-2 code, e.g. DE", null),
				Arguments.of("276", "'276' is not a country code; send an ISO 3166-1 alpha-2 code, e.g. DE", null),
				Arguments.of("ＤＥ", "'ＤＥ' is not a country code; send an ISO 3166-1 alpha-2 code, e.g. DE", null),
				Arguments.of("D\u0000", "'D\\u0000' is not a country code; send an ISO 3166-1 alpha-2 code, e.g. DE",
						null),
				Arguments.of("", "'' is not a country code; send an ISO 3166-1 alpha-2 code, e.g. DE", null));
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@MethodSource("hostileInputs")
	void rejectsWithTheReasonAndADidYouMeanWhereObvious(String input, String detail, String suggestion) {
		assertThat(CountryCode.parse(input)).isEqualTo(new Parsed.Invalid<>(detail, suggestion));
		assertThatThrownBy(() -> new CountryCode(input)).isInstanceOf(InvalidOrderValue.class)
			.hasMessage("CountryCode: " + detail);
	}

}
