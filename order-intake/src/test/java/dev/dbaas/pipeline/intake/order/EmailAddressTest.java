package dev.dbaas.pipeline.intake.order;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every hostile e-mail address next to the reason it is rejected.
 */
class EmailAddressTest {

	private static final String REASON = "is not a valid e-mail address; write it as name@example.com";

	@ParameterizedTest
	@ValueSource(strings = { "billing@example.com", "a@b.de", "first.last+tag@sub.example.co.uk", "o'brien@example.ie",
			"x_y-z@a-b.example" })
	void acceptsAddressesEveryMailSystemTakes(String input) {
		assertThat(EmailAddress.parse(input)).isEqualTo(new Parsed.Valid<>(new EmailAddress(input)));
	}

	static Stream<Arguments> hostileInputs() {
		return Stream.of(Arguments.of("no at sign", "billing-at-example.com", null),
				Arguments.of("no domain", "billing@", null), Arguments.of("no local part", "@example.com", null),
				Arguments.of("space inside", "a b@example.com", null),
				Arguments.of("surrounding spaces", " billing@example.com ", "billing@example.com"),
				Arguments.of("comma for a dot", "billing@example,com", "billing@example.com"),
				Arguments.of("two at signs", "a@b@example.com", null),
				Arguments.of("no top-level domain", "billing@localhost", null),
				Arguments.of("numeric top-level domain", "billing@10.0.0.1", null),
				Arguments.of("dot at the start", ".billing@example.com", null),
				Arguments.of("two dots in a row", "bill..ing@example.com", null),
				Arguments.of("label starting with a dash", "billing@-example.com", null),
				Arguments.of("quoted local part", "\"billing\"@example.com", null),
				Arguments.of("comment", "billing(invoices)@example.com", null),
				Arguments.of("line break for header injection", "billing@example.com\nBcc: x@evil.example", null),
				Arguments.of("non-ASCII domain", "billing@exämple.com", null),
				Arguments.of("local part over 64 characters", "a".repeat(65) + "@example.com", null),
				Arguments.of("over 254 characters", "a@" + ("b".repeat(60) + ".").repeat(5) + "com", null),
				Arguments.of("empty", "", null));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("hostileInputs")
	void rejectsWithTheReasonAndADidYouMeanWhereObvious(String reason, String input, String suggestion) {
		Parsed<EmailAddress> parsed = EmailAddress.parse(input);

		assertThat(parsed).isInstanceOfSatisfying(Parsed.Invalid.class, (invalid) -> {
			assertThat(invalid.detail()).endsWith(REASON);
			assertThat(invalid.suggestion()).isEqualTo(suggestion);
		});
		assertThatThrownBy(() -> new EmailAddress(input)).isInstanceOf(InvalidOrderValue.class)
			.extracting((ex) -> ((InvalidOrderValue) ex).detail())
			.isEqualTo(((Parsed.Invalid<EmailAddress>) parsed).detail());
	}

	static Stream<String> inputsToEcho() {
		return Stream.of("billing@example.com\u0000", "x".repeat(300));
	}

	@ParameterizedTest
	@MethodSource("inputsToEcho")
	void echoesHostileInputClippedAndEscaped(String input) {
		String detail = ((Parsed.Invalid<EmailAddress>) EmailAddress.parse(input)).detail();

		assertThat(detail).doesNotContain("\u0000").hasSizeLessThan(120);
	}

}
