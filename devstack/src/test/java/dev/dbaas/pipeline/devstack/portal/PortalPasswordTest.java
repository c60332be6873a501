package dev.dbaas.pipeline.devstack.portal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PortalPasswordTest {

	@Test
	void aRandomPasswordIsFourGroupsOfFiveEasyToTypeCharactersAndNewEachTime() {
		PortalPassword password = PortalPassword.random();

		assertThat(password.reveal()).matches("[a-km-np-z2-9]{5}(-[a-km-np-z2-9]{5}){3}");
		assertThat(PortalPassword.random().reveal()).isNotEqualTo(password.reveal());
	}

	@Test
	void matchesOnlyItselfAndNeverShowsInToString() {
		PortalPassword password = PortalPassword.of("correct-horse-battery");

		assertThat(password.matches("correct-horse-battery")).isTrue();
		assertThat(password.matches("correct-horse-batter")).isFalse();
		assertThat(password.matches("")).isFalse();
		assertThat(password.toString()).doesNotContain("correct");
	}

	@Test
	void refusesAShortPassword() {
		assertThatIllegalArgumentException().isThrownBy(() -> PortalPassword.of("short"));
	}

}
