package dev.dbaas.pipeline.status.query.web;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class PreferencesTest {

	@Test
	void readsTheWaitPreferenceAmongOthers() {
		assertThat(Preferences.requestedWait(List.of("respond-async, wait=10"))).contains(Duration.ofSeconds(10));
		assertThat(Preferences.requestedWait(List.of("handling=lenient", "Wait=5"))).contains(Duration.ofSeconds(5));
	}

	@ParameterizedTest
	@ValueSource(strings = { "wait=", "wait=-1", "wait=soon", "wait=1.5", "return=minimal" })
	void ignoresWaitPreferencesItCannotRead(String prefer) {
		assertThat(Preferences.requestedWait(List.of(prefer))).isEqualTo(Optional.empty());
	}

	@Test
	void comparesEntityTagsWeakly() {
		assertThat(Preferences.holds(Preferences.heldTags("W/\"3-abc\""), "3-abc")).isTrue();
		assertThat(Preferences.holds(Preferences.heldTags("\"2-x\", \"3-abc\""), "3-abc")).isTrue();
		assertThat(Preferences.holds(Preferences.heldTags("\"2-x\""), "3-abc")).isFalse();
		assertThat(Preferences.holds(Preferences.heldTags("*"), "3-abc")).isTrue();
		assertThat(Preferences.holds(Preferences.heldTags(null), "3-abc")).isFalse();
	}

}
