package dev.dbaas.pipeline.security.web;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.dbaas.pipeline.security.local.LocalTokenIssuer;
import dev.dbaas.pipeline.security.test.HostileTokens;
import dev.dbaas.pipeline.security.web.PipelineSecurityProperties.TokenCache;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.core.io.FileSystemResource;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The cache in front of the real decoder of {@link TokenDecoders}, with real tokens of a
 * local issuer. The decoder also checks time against the test's clock, so that a cached
 * and an uncached decode can be compared as time passes.
 */
class VerifiedTokenCacheTest {

	private static final TokenCache DEFAULTS = new TokenCache(10_000, Duration.ofMinutes(5));

	@TempDir
	static Path keys;

	@TempDir
	static Path otherKeys;

	static LocalTokenIssuer issuer;

	private final AdjustableTime time = new AdjustableTime();

	private final AtomicInteger verifications = new AtomicInteger();

	private JwtDecoder verifier;

	private JwtDecoder cache;

	@BeforeAll
	static void trustTheLocalIssuer() {
		issuer = LocalTokenIssuer.inDirectory(keys);
	}

	static List<HostileTokens.Hostile> hostileTokens() {
		return HostileTokens.all(issuer, otherKeys, "c-1001");
	}

	@BeforeEach
	void countVerifications() {
		NimbusJwtDecoder decoder = (NimbusJwtDecoder) TokenDecoders.from(properties());
		JwtTimestampValidator onTestTime = new JwtTimestampValidator();
		onTestTime.setClock(this.time);
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
				TokenDecoders.validator(LocalTokenIssuer.ISSUER, List.of(LocalTokenIssuer.AUDIENCE)), onTestTime));
		this.verifier = (token) -> {
			this.verifications.incrementAndGet();
			return decoder.decode(token);
		};
		this.cache = VerifiedTokenCache.around(this.verifier, DEFAULTS, this.time, this.time);
	}

	@Test
	void verifiesARepeatedTokenOnce() {
		String token = issuer.customerToken("c-1001", Duration.ofMinutes(30));

		Jwt first = this.cache.decode(token);
		this.time.advance(Duration.ofMinutes(1));
		Jwt again = this.cache.decode(token);

		assertThat(this.verifications).hasValue(1);
		assertThat(again).isSameAs(first);
		assertThat(again.getClaims()).isEqualTo(this.verifier.decode(token).getClaims());
		assertThat(again.getHeaders()).isEqualTo(this.verifier.decode(token).getHeaders());
	}

	@Test
	void letsNoRequestChangeTheClaimsTheNextOneSees() {
		String token = issuer.customerToken("c-1001", Duration.ofMinutes(30));

		List<String> audience = this.cache.decode(token).getClaim(JwtClaimNames.AUD);

		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> audience.add("some-other-api"));
		assertThat(this.cache.decode(token).getAudience()).containsExactly(LocalTokenIssuer.AUDIENCE);
	}

	@Test
	void refusesATokenThatExpiredWhileCachedAsTheDecoderDoes() {
		String token = issuer.customerToken("c-1001", Duration.ofMinutes(2));
		this.cache.decode(token);

		this.time.advance(Duration.ofMinutes(3).plusSeconds(1));

		JwtValidationException cached = catchThrowableOfType(JwtValidationException.class,
				() -> this.cache.decode(token));
		JwtValidationException uncached = catchThrowableOfType(JwtValidationException.class,
				() -> this.verifier.decode(token));
		assertThat(cached).hasMessage(uncached.getMessage()).hasMessageContaining("Jwt expired at");
		assertThat(cached.getErrors()).usingRecursiveFieldByFieldElementComparator()
			.containsExactlyElementsOf(uncached.getErrors());
	}

	@Test
	void refusesACachedTokenOnceTheWallClockPassesItsExpiry() {
		String token = issuer.customerToken("c-1001", Duration.ofMinutes(2));
		this.cache.decode(token);

		this.time.jumpWallClock(Duration.ofMinutes(3).plusSeconds(1));

		JwtValidationException cached = catchThrowableOfType(JwtValidationException.class,
				() -> this.cache.decode(token));
		assertThat(this.verifications).as("refused from the cache, not by verifying again").hasValue(1);
		JwtValidationException uncached = catchThrowableOfType(JwtValidationException.class,
				() -> this.verifier.decode(token));
		assertThat(cached).hasMessage(uncached.getMessage());
		assertThat(cached.getErrors()).usingRecursiveFieldByFieldElementComparator()
			.containsExactlyElementsOf(uncached.getErrors());
	}

	@Test
	void acceptsACachedTokenWithinTheClockSkewAfterItsExpiry() {
		String token = issuer.customerToken("c-1001", Duration.ofMinutes(2));
		this.cache.decode(token);

		this.time.jumpWallClock(Duration.ofMinutes(2).plusSeconds(30));

		assertThat(this.cache.decode(token).getSubject()).isEqualTo("c-1001");
		assertThat(this.verifier.decode(token).getSubject()).isEqualTo("c-1001");
	}

	@Test
	void keepsNoTokenPastItsExpiry() {
		String token = issuer.customerToken("c-1001", Duration.ofMinutes(2));
		this.cache.decode(token);

		this.time.advance(Duration.ofMinutes(2).plusSeconds(1));
		this.cache.decode(token);

		assertThat(this.verifications).as("verified again after exp, within the clock skew").hasValue(2);
	}

	@Test
	void verifiesATokenAgainAfterTheMaximumAge() {
		String token = issuer.customerToken("c-1001", Duration.ofMinutes(30));
		this.cache.decode(token);

		this.time.advance(DEFAULTS.maxAge().plusSeconds(1));
		this.cache.decode(token);

		assertThat(this.verifications).hasValue(2);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("hostileTokens")
	void refusesAHostileTokenEveryTimeWithoutCachingIt(HostileTokens.Hostile hostile) {
		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> this.cache.decode(hostile.token()));
		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> this.cache.decode(hostile.token()));
		assertThat(this.verifications).as("verified on each use").hasValue(2);

		assertThat(this.cache.decode(issuer.customerToken("c-1001", Duration.ofMinutes(5))).getSubject())
			.isEqualTo("c-1001");
	}

	@Test
	void refusesAnAlteredCopyOfACachedToken() {
		String token = issuer.customerToken("c-1001", Duration.ofMinutes(30));
		this.cache.decode(token);
		int signature = token.lastIndexOf('.') + 1;
		char first = token.charAt(signature);
		String altered = token.substring(0, signature) + ((first == 'A') ? 'B' : 'A') + token.substring(signature + 1);

		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> this.cache.decode(altered));
		assertThat(this.cache.decode(token).getSubject()).isEqualTo("c-1001");
	}

	@Test
	void verifiesEveryTimeWithSizeZero() {
		JwtDecoder off = VerifiedTokenCache.around(this.verifier, new TokenCache(0, Duration.ofMinutes(5)), this.time,
				this.time);
		String token = issuer.customerToken("c-1001", Duration.ofMinutes(30));

		off.decode(token);
		off.decode(token);

		assertThat(off).isSameAs(this.verifier);
		assertThat(this.verifications).hasValue(2);
	}

	private static OAuth2ResourceServerProperties.Jwt properties() {
		OAuth2ResourceServerProperties.Jwt properties = new OAuth2ResourceServerProperties.Jwt();
		properties.setIssuerUri(LocalTokenIssuer.ISSUER);
		properties.setAudiences(List.of(LocalTokenIssuer.AUDIENCE));
		properties.setPublicKeyLocation(new FileSystemResource(keys.resolve(LocalTokenIssuer.PUBLIC_KEY_FILE)));
		return properties;
	}

}
