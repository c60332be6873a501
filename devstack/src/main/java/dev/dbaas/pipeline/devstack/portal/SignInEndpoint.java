package dev.dbaas.pipeline.devstack.portal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.dbaas.pipeline.contract.http.ProblemKind;
import dev.dbaas.pipeline.devstack.portal.PortalProblems.FieldError;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /session}: the portal's local sign-in. {@code POST} with a form
 * ({@code application/x-www-form-urlencoded}: {@code customerId}, {@code password}, the
 * launcher's {@link PortalPassword}) starts a session and sets its cookie; {@code GET}
 * says who is signed in and hands the pages the session's CSRF token, which every
 * {@code POST} through the portal must carry as {@value #CSRF_HEADER}; {@code DELETE}
 * signs out. A sign-in from another origin ({@code Origin}, {@code Sec-Fetch-Site}) is
 * refused, so no other page can sign a browser in as someone else. Every refusal is a
 * problem of {@link ProblemKind}, wrong fields with their pointer.
 *
 * <p>
 * Thread-safe.
 */
final class SignInEndpoint {

	/** The header that carries a session's CSRF token. */
	static final String CSRF_HEADER = "X-CSRF-Token";

	/** The customer id rule of order-intake. */
	private static final Pattern CUSTOMER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

	private static final int MAX_FORM_BYTES = 4096;

	private static final Logger log = LoggerFactory.getLogger(SignInEndpoint.class);

	private final Sessions sessions;

	private final PortalPassword password;

	SignInEndpoint(Sessions sessions, PortalPassword password) {
		this.sessions = sessions;
		this.password = password;
	}

	/**
	 * Answers a request for {@code /session}.
	 * @param request the request
	 * @param response its response
	 * @throws IOException if the browser went away
	 */
	void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
		String method = request.getMethod();
		Optional<Session> current = this.sessions.find(request);
		switch (method) {
			case "GET", "HEAD" -> {
				if (current.isEmpty()) {
					PortalProblems.send(response, ProblemKind.UNAUTHORIZED,
							"Not signed in: sign in with a customer id and the launcher's portal password");
				}
				else {
					answer(response, current.get());
				}
			}
			case "POST" -> signIn(request, response, current);
			case "DELETE" -> signOut(request, response, current);
			default -> {
				response.setHeader("Allow", "GET, HEAD, POST, DELETE");
				PortalProblems.send(response, ProblemKind.METHOD_NOT_ALLOWED,
						method + " is not supported on /session: POST signs in, GET reads, DELETE signs out");
			}
		}
	}

	private void signIn(HttpServletRequest request, HttpServletResponse response, Optional<Session> current)
			throws IOException {
		if (crossOrigin(request)) {
			PortalProblems.send(response, ProblemKind.FORBIDDEN,
					"A sign-in comes from the portal's own sign-in page, not from another site");
			return;
		}
		String type = request.getHeader("Content-Type");
		if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
			PortalProblems.send(response, ProblemKind.UNSUPPORTED_MEDIA_TYPE,
					"A sign-in is a form: Content-Type application/x-www-form-urlencoded");
			return;
		}
		byte[] body;
		try (InputStream in = request.getInputStream()) {
			body = in.readNBytes(MAX_FORM_BYTES + 1);
		}
		if (body.length > MAX_FORM_BYTES) {
			PortalProblems.send(response, ProblemKind.PAYLOAD_TOO_LARGE,
					"A sign-in form has at most " + MAX_FORM_BYTES + " bytes");
			return;
		}
		Map<String, String> form;
		try {
			form = form(new String(body, StandardCharsets.UTF_8));
		}
		catch (IllegalArgumentException ex) {
			PortalProblems.send(response, ProblemKind.MALFORMED_REQUEST,
					"The sign-in form is not URL-encoded: " + ex.getMessage());
			return;
		}
		String customerId = form.getOrDefault("customerId", "").strip();
		String typed = form.getOrDefault("password", "");
		List<FieldError> errors = new ArrayList<>();
		if (!CUSTOMER_ID.matcher(customerId).matches()) {
			errors.add(new FieldError("/customerId",
					customerId.isEmpty() ? "Enter your customer id, e.g. c-1001."
							: "A customer id is 1 to 64 characters: letters, digits, '.', '_' or '-', "
									+ "starting with a letter or digit."));
		}
		if (typed.isEmpty()) {
			errors.add(new FieldError("/password", "Enter the portal password that the launcher printed."));
		}
		if (!errors.isEmpty()) {
			PortalProblems.send(response, ProblemKind.INVALID_PARAMETER, "The sign-in form is incomplete.", errors);
			return;
		}
		if (!this.password.matches(typed)) {
			log.warn("Portal sign-in refused for customer {} from {}: wrong portal password", customerId,
					request.getRemoteAddr());
			PortalProblems.send(response, ProblemKind.UNAUTHORIZED, "Not signed in.",
					List.of(new FieldError("/password",
							"This is not the portal password. The launcher prints it when it starts.")));
			return;
		}
		current.ifPresent(this.sessions::end);
		Optional<Session> started = this.sessions.start(customerId);
		if (started.isEmpty()) {
			PortalProblems.send(response, ProblemKind.TOO_MANY_REQUESTS,
					"The portal holds " + Sessions.MAX_SESSIONS + " sessions; sign out elsewhere or try again later");
			return;
		}
		log.info("Portal: customer {} signed in from {}", customerId, request.getRemoteAddr());
		response.addHeader("Set-Cookie", this.sessions.cookieFor(started.get()));
		answer(response, started.get());
	}

	private void signOut(HttpServletRequest request, HttpServletResponse response, Optional<Session> current)
			throws IOException {
		if (current.isPresent()) {
			if (crossOrigin(request) || !current.get().csrfMatches(request.getHeader(CSRF_HEADER))) {
				PortalProblems.send(response, ProblemKind.FORBIDDEN,
						"Signing out needs the session's " + CSRF_HEADER + " header, as the portal's pages send it");
				return;
			}
			this.sessions.end(current.get());
			log.info("Portal: customer {} signed out", current.get().customerId());
		}
		response.addHeader("Set-Cookie", Sessions.clearedCookie());
		response.setStatus(204);
	}

	private static void answer(HttpServletResponse response, Session session) throws IOException {
		byte[] bytes = ("{\"customerId\":\"" + PortalProblems.escape(session.customerId()) + "\",\"csrfToken\":\""
				+ session.csrfToken() + "\",\"expiresAt\":\"" + session.expiresAt() + "\"}")
			.getBytes(StandardCharsets.UTF_8);
		response.setStatus(200);
		response.setContentType("application/json");
		response.setHeader("Cache-Control", "no-store");
		// Tomcat sends no body for a HEAD.
		response.setContentLength(bytes.length);
		response.getOutputStream().write(bytes);
	}

	/**
	 * Whether a browser says the request comes from a page of another origin: an
	 * {@code Origin} other than the portal's own ({@code http://} and the {@code Host}),
	 * or a {@code Sec-Fetch-Site} other than {@code same-origin} and {@code none}. A
	 * client that sends neither (curl) is not a browser page.
	 * @param request the request
	 * @return {@code true} for a request from another origin
	 */
	static boolean crossOrigin(HttpServletRequest request) {
		String site = request.getHeader("Sec-Fetch-Site");
		if (site != null && !site.equals("same-origin") && !site.equals("none")) {
			return true;
		}
		String origin = request.getHeader("Origin");
		String host = request.getHeader("Host");
		return origin != null && (host == null || !origin.equals("http://" + host));
	}

	private static Map<String, String> form(String body) {
		Map<String, String> fields = new HashMap<>();
		for (String pair : body.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			String name = URLDecoder.decode((equals < 0) ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
			String value = (equals < 0) ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
			fields.putIfAbsent(name, value);
		}
		return fields;
	}

}
