package dev.dbaas.pipeline.security.web;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code pipeline.security.*}: the settings of API security that Spring Boot's
 * {@code spring.security.oauth2.resourceserver.jwt.*} does not cover.
 *
 * @param enabled {@code false} switches authentication off: every request is served as an
 * unrestricted caller. Only for test rigs on a closed machine (the fault suite); the
 * service logs a warning.
 * @param customerClaim the claim that binds a token to one customer
 * @param corsAllowedOrigins browser origins allowed to call the APIs cross-origin; empty
 * allows none
 * @param tokenCache how many verified tokens are remembered, and for how long
 */
@ConfigurationProperties("pipeline.security")
public record PipelineSecurityProperties(@DefaultValue("true") boolean enabled,
		@DefaultValue("customer_id") String customerClaim, @DefaultValue List<String> corsAllowedOrigins,
		@DefaultValue TokenCache tokenCache) {

	/**
	 * {@code pipeline.security.token-cache.*}: the cache of verified tokens
	 * ({@link VerifiedTokenCache}).
	 *
	 * @param maxSize how many tokens at most; {@code 0} verifies every request's token
	 * @param maxAge how long a token is trusted without verifying it again, at most
	 * (never past its {@code exp}); bounds how long a token signed with a key that was
	 * removed from the JWK set is still accepted
	 */
	public record TokenCache(@DefaultValue("10000") long maxSize, @DefaultValue("5m") Duration maxAge) {

		public TokenCache {
			if (maxSize < 0) {
				throw new IllegalArgumentException(
						"pipeline.security.token-cache.max-size is 0 (off) or more, not " + maxSize);
			}
			Objects.requireNonNull(maxAge, "maxAge");
			if (maxAge.isNegative() || maxAge.isZero()) {
				throw new IllegalArgumentException(
						"pipeline.security.token-cache.max-age is positive (max-size=0 turns the cache off), not "
								+ maxAge);
			}
		}

		/**
		 * Whether tokens are cached at all.
		 * @return {@code false} for {@code max-size=0}
		 */
		public boolean enabled() {
			return this.maxSize > 0;
		}

	}

}
