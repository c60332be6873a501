package dev.dbaas.pipeline.intake.order;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every hostile postal code next to the reason it is rejected.
 */
class PostalCodeTest {

	private static final String REASON = "postalCode must be 2 to 10 letters, digits, spaces or dashes, e.g. 50667";

	@ParameterizedTest
	@ValueSource(strings = { "50667", "1010", "SW1A 1AA", "00-950", "D02 X285", "10",
			// A trailing space passes, a leading one does not (the rule as the API has
			// always applied it).
			"50667 " })
	void acceptsTheFormatsOfManyCountries(String input) {
		assertThat(PostalCode.parse(input)).isEqualTo(new Parsed.Valid<>(new PostalCode(input)));
	}

	@ParameterizedTest(name = "''{0}'': {1}")
	@CsvSource(delimiter = '|', nullValues = "-", ignoreLeadingAndTrailingWhitespace = false, textBlock = """
			5|one character is too short|-
			12345678901|eleven characters are too long|-
			' 50667'|a leading space|50667
			-50667|starts with a dash|-
			50667!|a character that is not a letter, digit, space or dash|-
			5066７|a full-width digit|-
			50\t667|a tab|-
			''|empty|-
			""")
	void rejectsWithTheReason(String input, String reason, String suggestion) {
		assertThat(PostalCode.parse(input)).as(reason).isEqualTo(new Parsed.Invalid<>(REASON, suggestion));
		assertThatThrownBy(() -> new PostalCode(input)).isInstanceOf(InvalidOrderValue.class)
			.hasMessage("PostalCode: " + REASON);
	}

}
