package dev.dbaas.pipeline.security.web;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import static org.assertj.core.api.Assertions.assertThat;

class OpsAuthorizationTest {

	private final OpsAuthorization ops = new OpsAuthorization(new PipelineSecurityProperties(true, "customer_id",
			List.of(), new PipelineSecurityProperties.TokenCache(10_000, Duration.ofMinutes(5))));

	@Test
	void grantsAServiceTokenWithTheOpsScope() {
		assertThat(granted(token(Map.of("sub", "ops"), "SCOPE_orders:ops"))).isTrue();
	}

	@Test
	void refusesACustomerTokenEvenWithTheOpsScope() {
		assertThat(granted(token(Map.of("sub", "c-1", "customer_id", "c-1"), "SCOPE_orders:ops"))).isFalse();
	}

	@Test
	void refusesATokenWithoutTheOpsScope() {
		assertThat(granted(token(Map.of("sub", "portal"), "SCOPE_orders:read"))).isFalse();
	}

	@Test
	void refusesAnonymousRequests() {
		TestingAuthenticationToken anonymous = new TestingAuthenticationToken("anonymous", "",
				AuthorityUtils.createAuthorityList("SCOPE_orders:ops"));
		anonymous.setAuthenticated(false);
		assertThat(this.ops.authorize(() -> anonymous, null).isGranted()).isFalse();
		assertThat(this.ops.authorize(() -> null, null).isGranted()).isFalse();
	}

	private boolean granted(JwtAuthenticationToken token) {
		return this.ops.authorize(() -> token, null).isGranted();
	}

	private static JwtAuthenticationToken token(Map<String, Object> claims, String authority) {
		Jwt jwt = Jwt.withTokenValue("t")
			.header("alg", "RS256")
			.claims((all) -> all.putAll(claims))
			.issuedAt(Instant.now())
			.expiresAt(Instant.now().plusSeconds(60))
			.build();
		return new JwtAuthenticationToken(jwt, AuthorityUtils.createAuthorityList(authority));
	}

}
