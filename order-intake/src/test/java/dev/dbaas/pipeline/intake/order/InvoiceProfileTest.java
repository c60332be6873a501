package dev.dbaas.pipeline.intake.order;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An invoice profile cannot exist with an invalid field, however it is created.
 */
class InvoiceProfileTest {

	@Test
	void holdsTheFieldsOfParsedValues() {
		InvoiceProfile.New profile = new InvoiceProfile.New(new CompanyName("Example GmbH"),
				new EmailAddress("billing@example.com"), new Street("Domstr. 1"), new PostalCode("50667"),
				new City("Köln"), new CountryCode("DE"), null);

		assertThat(profile).isEqualTo(new InvoiceProfile.New("Example GmbH", "billing@example.com", "Domstr. 1",
				"50667", "Köln", "DE", null));
	}

	static Stream<Arguments> invalidFields() {
		return Stream.of(Arguments.of("companyName", CompanyName.class), Arguments.of("email", EmailAddress.class),
				Arguments.of("street", Street.class), Arguments.of("postalCode", PostalCode.class),
				Arguments.of("city", City.class), Arguments.of("country", CountryCode.class),
				Arguments.of("vatId", VatId.class));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("invalidFields")
	void refusesAnInvalidField(String field, Class<?> type) {
		assertThatThrownBy(() -> newProfileWith(field, "\n")).isInstanceOf(InvalidOrderValue.class)
			.extracting((ex) -> ((InvalidOrderValue) ex).type())
			.isEqualTo(type);
	}

	@Test
	void refusesAnInvalidExistingId() {
		assertThatThrownBy(() -> new InvoiceProfile.Existing(" ")).isInstanceOf(InvalidOrderValue.class)
			.extracting((ex) -> ((InvalidOrderValue) ex).type())
			.isEqualTo(InvoiceProfileId.class);
	}

	private static InvoiceProfile.New newProfileWith(String field, String value) {
		return new InvoiceProfile.New(field.equals("companyName") ? value : "Example GmbH",
				field.equals("email") ? value : "billing@example.com", field.equals("street") ? value : "Domstr. 1",
				field.equals("postalCode") ? value : "50667", field.equals("city") ? value : "Köln",
				field.equals("country") ? value : "DE", field.equals("vatId") ? value : "DE123456789");
	}

}
