package dev.dbaas.pipeline.security.web;

import java.io.IOException;

import dev.dbaas.pipeline.contract.http.ProblemKind;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Answers what Spring Security's firewall ({@code StrictHttpFirewall}) rejects as a
 * problem of the shared vocabulary instead of an error page: a path with {@code ;},
 * {@code //}, {@code /../} or an encoded {@code .}, {@code /} or {@code %}, a header or
 * parameter with control characters (400 {@link ProblemKind#BAD_REQUEST}), a method it
 * does not know (405 {@link ProblemKind#METHOD_NOT_ALLOWED} with {@code Allow}). The
 * firewall's message, which quotes what the client sent, stays out of the answer.
 * Thread-safe.
 */
final class FirewallProblems implements RequestRejectedHandler {

	/** The methods the firewall lets through. */
	static final String ALLOWED_METHODS = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";

	private final EdgeRefusals refusals;

	FirewallProblems(EdgeRefusals refusals) {
		this.refusals = refusals;
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			RequestRejectedException requestRejectedException) throws IOException {
		EdgeRefusal refusal = EdgeRefusal.ofFirewall(requestRejectedException.getMessage());
		this.refusals.record("firewall", refusal, refusal.kind().status());
		if (refusal.kind() == ProblemKind.METHOD_NOT_ALLOWED) {
			response.setHeader(HttpHeaders.ALLOW, ALLOWED_METHODS);
		}
		Problems.write(request, response, refusal.kind(), refusal.detail());
	}

}
