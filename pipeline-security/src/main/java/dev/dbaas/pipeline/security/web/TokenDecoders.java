package dev.dbaas.pipeline.security.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.core.io.Resource;
import org.springframework.security.converter.RsaKeyConverters;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.util.StringUtils;

/**
 * Builds the decoder of bearer tokens from Spring Boot's
 * {@code spring.security.oauth2.resourceserver.jwt.*}: keys from {@code jwk-set-uri}
 * (production), from {@code public-key-location} (the local launcher's key) or, with
 * neither, discovered from {@code issuer-uri} on first use. Whatever the key source, a
 * token must be signed with an allowed algorithm ({@code jws-algorithms}, RS256 by
 * default; never {@code none}), come from {@code issuer-uri}, name one of
 * {@code audiences} in {@code aud}, carry {@code exp} and be within its validity. Issuer
 * and audience are required: a service without them does not start.
 */
final class TokenDecoders {

	private TokenDecoders() {
	}

	static JwtDecoder from(OAuth2ResourceServerProperties.Jwt properties) {
		String issuer = properties.getIssuerUri();
		List<String> audiences = properties.getAudiences();
		if (!StringUtils.hasText(issuer)) {
			throw new IllegalStateException("Set spring.security.oauth2.resourceserver.jwt.issuer-uri: tokens are "
					+ "accepted from that issuer only (or pipeline.security.enabled=false on a closed test rig)");
		}
		if (audiences.isEmpty()) {
			throw new IllegalStateException("Set spring.security.oauth2.resourceserver.jwt.audiences to this API's "
					+ "audience, e.g. dbaas-order-pipeline: tokens for other APIs are refused");
		}
		OAuth2TokenValidator<Jwt> validator = validator(issuer, audiences);
		List<SignatureAlgorithm> algorithms = properties.getJwsAlgorithms()
			.stream()
			.map(SignatureAlgorithm::from)
			.peek((algorithm) -> {
				if (algorithm == null) {
					throw new IllegalStateException(
							"Unknown algorithm in jws-algorithms " + properties.getJwsAlgorithms());
				}
			})
			.toList();
		if (StringUtils.hasText(properties.getJwkSetUri())) {
			NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(properties.getJwkSetUri())
				.jwsAlgorithms((allowed) -> allowed.addAll(algorithms))
				.build();
			decoder.setJwtValidator(validator);
			return decoder;
		}
		Resource publicKey = properties.getPublicKeyLocation();
		if (publicKey != null) {
			NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(readPublicKey(publicKey))
				.signatureAlgorithm(algorithms.get(0))
				.build();
			decoder.setJwtValidator(validator);
			return decoder;
		}
		return new SupplierJwtDecoder(() -> {
			NimbusJwtDecoder decoder = JwtDecoders.fromIssuerLocation(issuer);
			decoder.setJwtValidator(validator);
			return decoder;
		});
	}

	static OAuth2TokenValidator<Jwt> validator(String issuer, List<String> audiences) {
		return new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(issuer),
				new JwtClaimValidator<Instant>(JwtClaimNames.EXP, (expiresAt) -> expiresAt != null),
				new JwtClaimValidator<Collection<String>>(JwtClaimNames.AUD,
						(audience) -> audience != null && audience.stream().anyMatch(audiences::contains)));
	}

	private static RSAPublicKey readPublicKey(Resource location) {
		try (InputStream in = location.getInputStream()) {
			return RsaKeyConverters.x509().convert(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the token signing key from " + location, ex);
		}
	}

}
