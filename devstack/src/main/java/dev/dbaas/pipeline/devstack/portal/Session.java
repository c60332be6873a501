package dev.dbaas.pipeline.devstack.portal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One signed-in customer in one browser: the secret id its cookie carries, the CSRF token
 * its pages send with every POST, when it ends, and the customer's bearer token, minted
 * when first needed and renewed ten minutes before it expires.
 *
 * <p>
 * Thread-safe. {@link #toString()} names the customer only, never a secret.
 */
final class Session {

	static final Duration TOKEN_LIFETIME = Duration.ofHours(1);

	private static final Duration RENEW_BEFORE = Duration.ofMinutes(10);

	private final String id;

	private final String customerId;

	private final String csrfToken;

	private final Instant expiresAt;

	private final CustomerTokens tokens;

	private final Clock clock;

	private String token = "";

	private Instant renewAt = Instant.MIN;

	Session(String id, String customerId, String csrfToken, Instant expiresAt, CustomerTokens tokens, Clock clock) {
		this.id = id;
		this.customerId = customerId;
		this.csrfToken = csrfToken;
		this.expiresAt = expiresAt;
		this.tokens = tokens;
		this.clock = clock;
	}

	String id() {
		return this.id;
	}

	String customerId() {
		return this.customerId;
	}

	String csrfToken() {
		return this.csrfToken;
	}

	Instant expiresAt() {
		return this.expiresAt;
	}

	boolean expired() {
		return !this.clock.instant().isBefore(this.expiresAt);
	}

	/**
	 * Whether a request carries this session's CSRF token, compared in constant time.
	 * @param sent the {@code X-CSRF-Token} header, or {@code null}
	 * @return {@code true} if it is this session's
	 */
	boolean csrfMatches(@Nullable String sent) {
		return sent != null && MessageDigest.isEqual(this.csrfToken.getBytes(StandardCharsets.US_ASCII),
				sent.getBytes(StandardCharsets.US_ASCII));
	}

	/**
	 * The token the portal forwards for this session's customer.
	 * @return a token bound to {@link #customerId()}
	 */
	synchronized String bearerToken() {
		Instant now = this.clock.instant();
		if (!now.isBefore(this.renewAt)) {
			this.token = this.tokens.issue(this.customerId, TOKEN_LIFETIME);
			this.renewAt = now.plus(TOKEN_LIFETIME).minus(RENEW_BEFORE);
		}
		return this.token;
	}

	@Override
	public String toString() {
		return "Session[customerId=" + this.customerId + "]";
	}

}
