package dev.dbaas.pipeline.security.web;

import java.util.function.Supplier;

import dev.dbaas.pipeline.security.Caller;
import org.jspecify.annotations.Nullable;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Grants a request to an <em>ops</em> caller only ({@link Caller#isOps()}): scope
 * {@value Caller#OPS} on a token that is not bound to a customer. A URL rule with
 * {@code hasAuthority} alone would let a customer token that carries the scope through.
 * Thread-safe.
 */
public final class OpsAuthorization implements AuthorizationManager<RequestAuthorizationContext> {

	private final String customerClaim;

	OpsAuthorization(PipelineSecurityProperties properties) {
		this.customerClaim = properties.customerClaim();
	}

	@Override
	public AuthorizationResult authorize(Supplier<? extends @Nullable Authentication> authentication,
			RequestAuthorizationContext context) {
		Authentication current = authentication.get();
		if (current == null || !current.isAuthenticated()) {
			return new AuthorizationDecision(false);
		}
		boolean opsScope = current.getAuthorities()
			.stream()
			.anyMatch((granted) -> ApiAccessRules.authority(Caller.OPS).equals(granted.getAuthority()));
		boolean customerBound = current instanceof JwtAuthenticationToken jwt
				&& jwt.getToken().getClaimAsString(this.customerClaim) != null
				&& !jwt.getToken().getClaimAsString(this.customerClaim).isBlank();
		return new AuthorizationDecision(opsScope && !customerBound);
	}

}
