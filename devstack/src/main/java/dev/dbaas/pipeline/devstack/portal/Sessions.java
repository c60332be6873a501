package dev.dbaas.pipeline.devstack.portal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * The portal's signed-in sessions, in memory (a restart signs everyone out). A session is
 * found by the secret id in the {@value #COOKIE} cookie, which is {@code HttpOnly} and
 * {@code SameSite=Strict}: page scripts cannot read it and other sites' pages never send
 * it. Ids and CSRF tokens are 256 random bits.
 *
 * <p>
 * Thread-safe.
 */
final class Sessions {

	/** The session cookie's name. */
	static final String COOKIE = "portal_session";

	/** At most this many sessions at a time; expired ones are dropped first. */
	static final int MAX_SESSIONS = 1000;

	private static final SecureRandom RANDOM = new SecureRandom();

	private final Map<String, Session> byId = new ConcurrentHashMap<>();

	private final CustomerTokens tokens;

	private final Duration lifetime;

	private final Clock clock;

	/**
	 * @param tokens mints each session's customer token
	 * @param lifetime how long a session lasts after sign-in
	 * @param clock the time
	 */
	Sessions(CustomerTokens tokens, Duration lifetime, Clock clock) {
		this.tokens = tokens;
		this.lifetime = lifetime;
		this.clock = clock;
	}

	/**
	 * Starts a session for a customer whose sign-in was checked.
	 * @param customerId the customer
	 * @return the session, or empty if {@link #MAX_SESSIONS} are running
	 */
	Optional<Session> start(String customerId) {
		this.byId.values().removeIf(Session::expired);
		if (this.byId.size() >= MAX_SESSIONS) {
			return Optional.empty();
		}
		Session session = new Session(secret(), customerId, secret(), this.clock.instant().plus(this.lifetime),
				this.tokens, this.clock);
		this.byId.put(session.id(), session);
		return Optional.of(session);
	}

	/**
	 * The running session a request's cookie names.
	 * @param request the request
	 * @return the session, or empty without a cookie, for an unknown id or after it
	 * expired
	 */
	Optional<Session> find(HttpServletRequest request) {
		return find(Collections.list(request.getHeaders("Cookie")));
	}

	/**
	 * The running session that {@code Cookie} headers name.
	 * @param cookieHeaders the values of a request's {@code Cookie} headers
	 * @return the session, or empty without a cookie, for an unknown id or after it
	 * expired
	 */
	Optional<Session> find(List<String> cookieHeaders) {
		String id = cookie(cookieHeaders);
		if (id == null) {
			return Optional.empty();
		}
		Session session = this.byId.get(id);
		if (session == null) {
			return Optional.empty();
		}
		if (session.expired()) {
			this.byId.remove(id, session);
			return Optional.empty();
		}
		return Optional.of(session);
	}

	/**
	 * Ends a session: its cookie no longer signs anyone in.
	 * @param session the session
	 */
	void end(Session session) {
		this.byId.remove(session.id(), session);
	}

	/**
	 * The {@code Set-Cookie} value that hands a session to the browser.
	 * @param session the session
	 * @return the cookie, for the session's lifetime
	 */
	String cookieFor(Session session) {
		return COOKIE + "=" + session.id() + "; Path=/; HttpOnly; SameSite=Strict; Max-Age="
				+ this.lifetime.toSeconds();
	}

	/**
	 * The {@code Set-Cookie} value that removes the session cookie.
	 * @return an expired, empty cookie
	 */
	static String clearedCookie() {
		return COOKIE + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0";
	}

	private static @Nullable String cookie(List<String> cookieHeaders) {
		for (String header : cookieHeaders) {
			for (String pair : header.split(";")) {
				String trimmed = pair.trim();
				if (trimmed.startsWith(COOKIE + "=")) {
					String value = trimmed.substring(COOKIE.length() + 1);
					if (value.matches("[A-Za-z0-9_-]{43}")) {
						return value;
					}
				}
			}
		}
		return null;
	}

	private static String secret() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
