package dev.dbaas.pipeline.contract.instance;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class InstanceIdRuleTest {

	@Test
	void newIdsFollowTheRuleAndDoNotRepeat() {
		Set<String> ids = new HashSet<>();
		for (int i = 0; i < 10_000; i++) {
			String id = InstanceIdRule.newId();
			assertThat(InstanceIdRule.problemWith(id)).as(id).isEmpty();
			ids.add(id);
		}
		assertThat(ids).hasSize(10_000);
	}

	@Test
	void derivesTheSameIdForALegacyOrderEveryTime() {
		String derived = InstanceIdRule.ofLegacyOrder("d5058473-3eac-4340-93c6-68d455fcb47c");

		assertThat(derived).isEqualTo("db-d50584733eac4340");
		assertThat(InstanceIdRule.ofEvent(null, "d5058473-3eac-4340-93c6-68d455fcb47c")).isEqualTo(derived);
		assertThat(InstanceIdRule.ofEvent("db-0123456789abcdef", "d5058473-3eac-4340-93c6-68d455fcb47c"))
			.isEqualTo("db-0123456789abcdef");
	}

	@ParameterizedTest(name = "''{0}'' is refused: {1}")
	@CsvSource(delimiter = '|', textBlock = """
			''                     | 0 characters and does not start with 'db-'
			db-                    | 3 characters
			db-0123456789abcde     | 18 characters
			db-0123456789abcdef0   | 20 characters
			DB-0123456789abcdef    | does not start with 'db-'
			xx-0123456789abcdef    | does not start with 'db-'
			db-0123456789ABCDEF    | other than a lower-case hex digit at position 14
			db-0123456789abcdeg    | other than a lower-case hex digit at position 19
			db-01234567 9abcdef    | other than a lower-case hex digit at position 12
			db-../../etc/passwd    | other than a lower-case hex digit at position 4
			d5058473-3eac-4340-93c6-68d455fcb47c | 36 characters
			""")
	void refusesIdsThatBreakTheRule(String id, String reason) {
		assertThat(InstanceIdRule.problemWith(id)).get().asString().contains(reason);
		assertThatExceptionOfType(InstanceIdRule.InvalidInstanceIdException.class)
			.isThrownBy(() -> InstanceIdRule.requireValid(id))
			.withMessageContaining(reason);
	}

	@Test
	void refusesAMissingId() {
		assertThat(InstanceIdRule.problemWith(null)).contains("instanceId is missing");
		assertThat(InstanceIdRule.isValid(null)).isFalse();
	}

}
