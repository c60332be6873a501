package dev.dbaas.pipeline.intake.idempotency;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class IdempotencyKeyTest {

	@ParameterizedTest
	@ValueSource(strings = { "a", "8e0f6a3c-5b1d-4a7e-9c52-0d2f3b4a6e71", "!~\"{}", "k-000000000000000" })
	void acceptsOneTo255VisibleAsciiCharacters(String key) {
		assertThat(new IdempotencyKey(key).value()).isEqualTo(key);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "has space", "tab\there", "ключ", "é", "line\nbreak", "\u007f" })
	void rejectsEmptyKeysAndAnythingButVisibleAscii(String key) {
		assertThatIllegalArgumentException().isThrownBy(() -> new IdempotencyKey(key));
	}

	@ParameterizedTest
	@ValueSource(ints = { 255, 256 })
	void allowsAtMost255Characters(int length) {
		assertThat(IdempotencyKey.isValid("k".repeat(length))).isEqualTo(length <= 255);
	}

}
