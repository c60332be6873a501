package dev.dbaas.pipeline.intake.order;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every hostile VAT id next to the reason it is rejected.
 */
class VatIdTest {

	@ParameterizedTest
	@ValueSource(strings = { "DE123456789", "ATU12345678", "FR12345678901", "NL123456789B01", "GB12",
			"ES" + "X1234567890AB" })
	void acceptsACountryPrefixAndTwoToThirteenLettersOrDigits(String input) {
		assertThat(VatId.parse(input)).isEqualTo(new Parsed.Valid<>(new VatId(input)));
	}

	@ParameterizedTest(name = "''{0}'': {1}")
	@CsvSource(delimiter = '|', nullValues = "-", ignoreLeadingAndTrailingWhitespace = false, textBlock = """
			DE 123456789|a space inside|DE123456789
			DE.123.456.789|dots|DE123456789
			DE-123456789|a dash|DE123456789
			de123456789|a lower-case prefix|DE123456789
			123456789|no country prefix|-
			D1|too short|-
			DE1|one character after the prefix|-
			DE12345678901234|fourteen characters after the prefix|-
			DE1234\t5678|a tab|DE12345678
			DE１２３４５６７８９|full-width digits|-
			''|empty|-
			""")
	void rejectsWithTheReasonAndADidYouMeanWhereObvious(String input, String reason, String suggestion) {
		String detail = "'" + UserInput.echo(input)
				+ "' is not a VAT id; write the country prefix and number without spaces, e.g. DE123456789,"
				+ " or leave vatId out";

		assertThat(VatId.parse(input)).as(reason).isEqualTo(new Parsed.Invalid<>(detail, suggestion));
		assertThatThrownBy(() -> new VatId(input)).isInstanceOf(InvalidOrderValue.class).hasMessage("VatId: " + detail);
	}

}
