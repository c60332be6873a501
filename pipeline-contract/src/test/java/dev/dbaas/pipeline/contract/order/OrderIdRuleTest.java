package dev.dbaas.pipeline.contract.order;

import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class OrderIdRuleTest {

	static Stream<Arguments> hostileIds() {
		String valid = "d5058473-3eac-4340-93c6-68d455fcb47c";
		return Stream.of(arguments(null, "orderId is missing"), arguments("", "orderId is empty"),
				arguments(" ", "orderId has 1 characters"), arguments("o-1", "orderId has 3 characters"),
				arguments("o-" + valid, "orderId has 38 characters"),
				arguments("x".repeat(100), "orderId has 100 characters"),
				arguments("x".repeat(200), "orderId has 200 characters"),
				arguments(valid.replace("-", ""), "orderId has 32 characters"),
				arguments("{" + valid.substring(1, 35) + "}", "orderId has '{' at position 1"),
				arguments(valid.toUpperCase(), "upper-case hex digit 'D' at position 1"),
				arguments(valid.substring(0, 35) + "\n", "the character U+000A at position 36"),
				arguments(" " + valid.substring(1), "the character U+0020 at position 1"),
				arguments(valid.substring(0, 8) + "_" + valid.substring(9), "'_' at position 9 where a UUID has '-'"),
				arguments("'; DROP TABLE order_view; --'-------", "''' at position 1"),
				arguments("../../../../etc/passwd/../../../..x", "orderId has 35 characters"),
				arguments("g5058473-3eac-4340-93c6-68d455fcb47c", "'g' at position 1 where a UUID has a hex digit"),
				arguments("\uff10" + valid.substring(1), "the character U+FF10 at position 1"),
				arguments("d5058473-3eac-4340-93c6-68d455fcb47\u0000", "the character U+0000 at position 36"));
	}

	@ParameterizedTest(name = "[{index}] {1}")
	@MethodSource("hostileIds")
	void refusesAnIdThatIsNoCanonicalUuidAndSaysWhy(String id, String reason) {
		assertThat(OrderIdRule.problemWith(id)).hasValueSatisfying((problem) -> assertThat(problem).contains(reason));
		assertThat(OrderIdRule.isValid(id)).isFalse();
		assertThatExceptionOfType(OrderIdRule.InvalidOrderIdException.class)
			.isThrownBy(() -> OrderIdRule.requireValid(id))
			.withMessageContaining(reason);
	}

	@ParameterizedTest(name = "[{index}] {0}")
	@MethodSource("hostileIds")
	void neverRepeatsALongOrControlCharacterIdInTheReason(String id, String reason) {
		if (id != null && id.length() > 20) {
			assertThat(OrderIdRule.problemWith(id).orElseThrow()).doesNotContain(id);
		}
	}

	@Test
	void acceptsTheIdsOrderIntakeAssigns() {
		for (int i = 0; i < 1_000; i++) {
			String id = UUID.randomUUID().toString();
			assertThat(OrderIdRule.problemWith(id)).as(id).isEmpty();
			assertThat(OrderIdRule.requireValid(id)).isEqualTo(id);
		}
		assertThat(OrderIdRule.isValid(OrderIdRule.EXAMPLE)).isTrue();
	}

	@Test
	void acceptsAnyUuidVersionSoThatTimeOrderedIdsFollowTheRule() {
		assertThat(OrderIdRule.isValid("01890a5d-ac96-774b-bcce-b302099a8057")).as("version 7").isTrue();
		assertThat(OrderIdRule.isValid(UUID.nameUUIDFromBytes(new byte[] { 1 }).toString())).as("version 3").isTrue();
	}

}
