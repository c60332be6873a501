package dev.dbaas.pipeline.security.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.dbaas.pipeline.security.web.PipelineSecurityProperties.TokenCache;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * A {@link JwtDecoder} that remembers the tokens another decoder (the one
 * {@link TokenDecoders} builds) accepted, so that a client sending the same bearer token
 * for many requests pays for parsing, signature verification and claim validation once.
 *
 * <p>
 * <strong>Why this is safe.</strong> The key is the exact compact token string, and that
 * string <em>is</em> the signed content: header, claims and signature, byte for byte.
 * Every key is a string the decoder itself verified; two requests with equal strings
 * carry the same claims under the same signature, so the second one would be verified to
 * the same {@link Jwt}. Any other string (a changed claim, header or signature) misses
 * the cache and is verified on its own. What could change between the two requests is not
 * in the token but around it:
 * <ul>
 * <li><em>time</em>: every hit re-checks {@code exp} and {@code nbf} with Spring's own
 * {@link JwtTimestampValidator} (its default clock skew, 60 s, as the decoder's
 * validators use), and an expired token is refused with the same
 * {@link JwtValidationException} and message the decoder throws, so the client gets the
 * same 401 problem. An entry is also dropped at its token's {@code exp};</li>
 * <li><em>the keys</em>: a key removed from the JWK set would still vouch for the tokens
 * it signed while they are cached. {@code max-age} bounds that (5 minutes by default, as
 * long as the decoder itself keeps a fetched JWK set), after which the token is verified
 * again against the current keys;</li>
 * <li><em>the configuration</em> (issuer, audiences, algorithms) is fixed for the life of
 * the decoder and this cache alike.</li>
 * </ul>
 * Only tokens the decoder accepted are stored; a refused token is never cached, so it is
 * verified (and refused) again on every request, and an attacker cannot fill the cache
 * without valid tokens. The cache is bounded by {@code max-size}, so valid tokens cannot
 * exhaust memory either.
 *
 * <p>
 * Every request of one token shares one {@link Jwt}, so its collection claims (such as
 * {@code aud}) are made unmodifiable: no request can change what the next one sees.
 * Thread-safe; two requests that miss at once both verify, and either result is kept.
 */
final class VerifiedTokenCache implements JwtDecoder {

	/**
	 * The template of {@code NimbusJwtDecoder}'s validation message, for the same 401.
	 */
	private static final String VALIDATION_MESSAGE = "An error occurred while attempting to decode the Jwt: %s";

	private final JwtDecoder decoder;

	private final Cache<String, Jwt> verified;

	private final JwtTimestampValidator timestamps = new JwtTimestampValidator();

	private final Clock clock;

	private final Duration maxAge;

	private VerifiedTokenCache(JwtDecoder decoder, TokenCache settings, Clock clock, Ticker ticker) {
		this.decoder = decoder;
		this.clock = clock;
		this.maxAge = settings.maxAge();
		this.timestamps.setClock(clock);
		this.verified = Caffeine.newBuilder()
			.maximumSize(settings.maxSize())
			.expireAfter(Expiry.<String, Jwt>writing((token, jwt) -> lifetime(jwt)))
			.ticker(ticker)
			.build();
	}

	/**
	 * The decoder with a cache in front, or the decoder itself when the cache is off.
	 * @param decoder verifies and validates tokens
	 * @param settings {@code pipeline.security.token-cache.*}
	 * @return the decoder to use
	 */
	static JwtDecoder around(JwtDecoder decoder, TokenCache settings) {
		return around(decoder, settings, Clock.systemUTC(), Ticker.systemTicker());
	}

	/**
	 * As {@link #around(JwtDecoder, TokenCache)}, on a given time source (tests).
	 * @param decoder verifies and validates tokens
	 * @param settings {@code pipeline.security.token-cache.*}
	 * @param clock the time {@code exp} and {@code nbf} are checked against
	 * @param ticker the time the cache ages entries by
	 * @return the decoder to use
	 */
	static JwtDecoder around(JwtDecoder decoder, TokenCache settings, Clock clock, Ticker ticker) {
		return settings.enabled() ? new VerifiedTokenCache(decoder, settings, clock, ticker) : decoder;
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		Jwt known = this.verified.getIfPresent(token);
		if (known == null) {
			// Not a computing get: verifying (or discovering the issuer's keys) under the
			// cache's lock would block other tokens.
			Jwt jwt = frozen(this.decoder.decode(token));
			if (jwt.getExpiresAt() != null) {
				this.verified.put(token, jwt);
			}
			return jwt;
		}
		OAuth2TokenValidatorResult current = this.timestamps.validate(known);
		if (current.hasErrors()) {
			this.verified.invalidate(token);
			throw new JwtValidationException(message(current.getErrors()), current.getErrors());
		}
		return known;
	}

	/**
	 * How long a token stays: {@code max-age}, never past its {@code exp}.
	 */
	private Duration lifetime(Jwt jwt) {
		Instant expiresAt = jwt.getExpiresAt();
		Duration untilExpiry = (expiresAt != null) ? Duration.between(this.clock.instant(), expiresAt) : Duration.ZERO;
		if (untilExpiry.isNegative()) {
			return Duration.ZERO;
		}
		return (untilExpiry.compareTo(this.maxAge) < 0) ? untilExpiry : this.maxAge;
	}

	/**
	 * The token with its collection claims (such as {@code aud}, a modifiable list as the
	 * decoder converts it) unmodifiable, since every request of the token shares it.
	 */
	private static Jwt frozen(Jwt jwt) {
		return Jwt.withTokenValue(jwt.getTokenValue())
			.headers((headers) -> jwt.getHeaders().forEach((name, value) -> headers.put(name, frozen(value))))
			.claims((claims) -> jwt.getClaims().forEach((name, value) -> claims.put(name, frozen(value))))
			.build();
	}

	private static @Nullable Object frozen(@Nullable Object value) {
		if (value instanceof List<?> list) {
			return list.stream().map(VerifiedTokenCache::frozen).toList();
		}
		if (value instanceof Set<?> set) {
			Set<Object> copy = new LinkedHashSet<>();
			set.forEach((element) -> copy.add(frozen(element)));
			return Collections.unmodifiableSet(copy);
		}
		if (value instanceof Map<?, ?> map) {
			Map<Object, Object> copy = new LinkedHashMap<>();
			map.forEach((key, element) -> copy.put(key, frozen(element)));
			return Collections.unmodifiableMap(copy);
		}
		return value;
	}

	private static String message(Collection<OAuth2Error> errors) {
		return errors.stream()
			.map(OAuth2Error::getDescription)
			.filter((description) -> description != null && !description.isEmpty())
			.findFirst()
			.map((description) -> String.format(VALIDATION_MESSAGE, description))
			.orElse("Unable to validate Jwt");
	}

}
