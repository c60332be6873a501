package dev.dbaas.pipeline.security.web;

import java.io.IOException;

import dev.dbaas.pipeline.contract.http.ProblemKind;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Answers 401 and 403 as problem details of the shared vocabulary
 * ({@link ProblemKind#UNAUTHORIZED}, {@link ProblemKind#FORBIDDEN}), with the RFC 6750
 * {@code WWW-Authenticate: Bearer} header that says why. The body never repeats the token
 * or its claims.
 */
final class ProblemEntryPoint implements AuthenticationEntryPoint, AccessDeniedHandler {

	private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();

	private final BearerTokenAccessDeniedHandler denied = new BearerTokenAccessDeniedHandler();

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		this.bearer.commence(request, response, authException);
		Problems.write(request, response, ProblemKind.UNAUTHORIZED,
				"Send a valid bearer token issued for this API (Authorization: Bearer <token>); "
						+ "the WWW-Authenticate header says what was wrong with the one sent.");
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException accessDeniedException) throws IOException {
		this.denied.handle(request, response, accessDeniedException);
		Problems.write(request, response, ProblemKind.FORBIDDEN,
				"The token does not grant this request (scopes orders:write to place orders, orders:read to read "
						+ "them, orders:ops for operational endpoints).");
	}

}
