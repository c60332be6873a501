package dev.dbaas.pipeline.security.web;

import java.util.Optional;

import dev.dbaas.pipeline.security.Caller;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * The {@link Caller} of the current request, from the validated token in the security
 * context. Controllers take a {@code Caller} parameter instead; filters use this bean.
 * Thread-safe.
 */
public final class Callers {

	/** Client id of every request when security is off. */
	public static final String UNAUTHENTICATED = "unauthenticated";

	private final PipelineSecurityProperties properties;

	Callers(PipelineSecurityProperties properties) {
		this.properties = properties;
	}

	/**
	 * The caller of the current request.
	 * @return the caller; empty if the request carried no valid token (never the case
	 * behind an authenticated rule); with security off, an unrestricted caller
	 */
	public Optional<Caller> current() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication instanceof JwtAuthenticationToken token) {
			return Optional.of(of(token.getToken()));
		}
		if (!this.properties.enabled()) {
			return Optional.of(Caller.unrestricted(UNAUTHENTICATED));
		}
		return Optional.empty();
	}

	Caller of(Jwt jwt) {
		String client = firstText(jwt.getClaimAsString("azp"), jwt.getClaimAsString("client_id"), jwt.getSubject());
		Object scope = jwt.hasClaim("scope") ? jwt.getClaim("scope") : jwt.getClaim("scp");
		return new Caller((client != null) ? client : "unnamed-client",
				firstText(jwt.getClaimAsString(this.properties.customerClaim())), Caller.scopesOf(scope));
	}

	private static @Nullable String firstText(@Nullable String... values) {
		for (String value : values) {
			if (value != null && !value.isBlank()) {
				return value;
			}
		}
		return null;
	}

}
