package dev.dbaas.pipeline.security.web;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.dbaas.pipeline.security.local.LocalTokenIssuer;
import dev.dbaas.pipeline.security.test.HostileTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.core.io.FileSystemResource;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class TokenDecodersTest {

	@TempDir
	static Path keys;

	@TempDir
	static Path otherKeys;

	static LocalTokenIssuer issuer;

	static JwtDecoder decoder;

	@BeforeAll
	static void trustTheLocalIssuer() {
		issuer = LocalTokenIssuer.inDirectory(keys);
		decoder = TokenDecoders.from(properties());
	}

	static List<HostileTokens.Hostile> hostileTokens() {
		return HostileTokens.all(issuer, otherKeys, "c-1001");
	}

	@Test
	void acceptsATokenOfTheTrustedIssuerForThisAudience() {
		Jwt jwt = decoder.decode(issuer.customerToken("c-1001", Duration.ofMinutes(5)));

		assertThat(jwt.getClaimAsString("customer_id")).isEqualTo("c-1001");
		assertThat(jwt.getAudience()).containsExactly(LocalTokenIssuer.AUDIENCE);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("hostileTokens")
	void refuses(HostileTokens.Hostile hostile) {
		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> decoder.decode(hostile.token()));
	}

	@Test
	void keepsTheKeyOfADirectory() {
		String token = issuer.customerToken("c-7", Duration.ofMinutes(1));

		assertThat(TokenDecoders.from(properties()).decode(token).getSubject()).isEqualTo("c-7");
		assertThat(LocalTokenIssuer.inDirectory(keys).publicKey()).isEqualTo(issuer.publicKey());
	}

	@Test
	void refusesToStartWithoutAnAudience() {
		OAuth2ResourceServerProperties.Jwt properties = properties();
		properties.setAudiences(List.of());

		assertThatIllegalStateException().isThrownBy(() -> TokenDecoders.from(properties))
			.withMessageContaining("audiences");
	}

	@Test
	void refusesToStartWithoutAnIssuer() {
		OAuth2ResourceServerProperties.Jwt properties = properties();
		properties.setIssuerUri(null);

		assertThatIllegalStateException().isThrownBy(() -> TokenDecoders.from(properties))
			.withMessageContaining("issuer-uri");
	}

	private static OAuth2ResourceServerProperties.Jwt properties() {
		OAuth2ResourceServerProperties.Jwt properties = new OAuth2ResourceServerProperties.Jwt();
		properties.setIssuerUri(LocalTokenIssuer.ISSUER);
		properties.setAudiences(List.of(LocalTokenIssuer.AUDIENCE));
		properties.setPublicKeyLocation(new FileSystemResource(keys.resolve(LocalTokenIssuer.PUBLIC_KEY_FILE)));
		return properties;
	}

}
