package dev.dbaas.pipeline.devstack.portal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SessionsTest {

	private final MovableClock clock = new MovableClock();

	private final List<String> minted = new ArrayList<>();

	private final Sessions sessions = new Sessions((customerId, lifetime) -> {
		String token = customerId + "#" + (this.minted.size() + 1) + "/" + lifetime.toMinutes() + "m";
		this.minted.add(token);
		return token;
	}, Duration.ofHours(12), this.clock);

	@Test
	void aSessionIsFoundByItsCookieOnlyUntilItExpires() {
		Session session = this.sessions.start("c-1001").orElseThrow();

		assertThat(this.sessions.find(cookie(session.id()))).contains(session);
		assertThat(this.sessions.find(cookie(session.csrfToken()))).as("the CSRF token is no session id").isEmpty();
		this.clock.advance(Duration.ofHours(12).minusSeconds(1));
		assertThat(this.sessions.find(cookie(session.id()))).contains(session);
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.sessions.find(cookie(session.id()))).isEmpty();
	}

	@Test
	void idsAndCsrfTokensAreRandomAndDistinct() {
		Session a = this.sessions.start("c-1001").orElseThrow();
		Session b = this.sessions.start("c-1001").orElseThrow();

		assertThat(List.of(a.id(), a.csrfToken(), b.id(), b.csrfToken())).doesNotHaveDuplicates()
			.allSatisfy((secret) -> assertThat(secret).matches("[A-Za-z0-9_-]{43}"));
		assertThat(a.toString()).doesNotContain(a.id()).doesNotContain(a.csrfToken()).contains("c-1001");
	}

	@Test
	void theCustomerTokenIsMintedWhenFirstNeededAndRenewedTenMinutesBeforeItExpires() {
		Session session = this.sessions.start("c-1001").orElseThrow();
		assertThat(this.minted).isEmpty();

		assertThat(session.bearerToken()).isEqualTo("c-1001#1/60m");
		this.clock.advance(Duration.ofMinutes(49));
		assertThat(session.bearerToken()).isEqualTo("c-1001#1/60m");
		this.clock.advance(Duration.ofMinutes(1));
		assertThat(session.bearerToken()).isEqualTo("c-1001#2/60m");
	}

	@Test
	void anEndedSessionIsGoneAndOtherCookiesAreIgnored() {
		Session session = this.sessions.start("c-1001").orElseThrow();
		this.sessions.end(session);

		assertThat(this.sessions.find(cookie(session.id()))).isEmpty();
		List<String> several = List.of("theme=dark",
				"lang=en; " + Sessions.COOKIE + "=" + this.sessions.start("c-2").orElseThrow().id());
		assertThat(this.sessions.find(several)).hasValueSatisfying((s) -> assertThat(s.customerId()).isEqualTo("c-2"));
		assertThat(this.sessions.find(List.of())).isEmpty();
	}

	@Test
	void holdsAtMostMaxSessionsAndDropsExpiredOnesFirst() {
		for (int i = 0; i < Sessions.MAX_SESSIONS; i++) {
			assertThat(this.sessions.start("c-" + i)).isPresent();
		}
		assertThat(this.sessions.start("c-full")).isEmpty();
		this.clock.advance(Duration.ofHours(13));
		assertThat(this.sessions.start("c-later")).isPresent();
	}

	@Test
	void theCsrfTokenMatchesOnlyItself() {
		Session session = this.sessions.start("c-1001").orElseThrow();

		assertThat(session.csrfMatches(session.csrfToken())).isTrue();
		assertThat(session.csrfMatches(null)).isFalse();
		assertThat(session.csrfMatches("")).isFalse();
		assertThat(session.csrfMatches(session.id())).isFalse();
	}

	private static List<String> cookie(String id) {
		return List.of(Sessions.COOKIE + "=" + id);
	}

	private static final class MovableClock extends Clock {

		private Instant now = Instant.parse("2026-01-01T00:00:00Z");

		void advance(Duration by) {
			this.now = this.now.plus(by);
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
