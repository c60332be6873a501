package dev.dbaas.pipeline.devstack.portal;

import java.io.IOException;
import java.io.Serial;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;

import dev.dbaas.pipeline.contract.http.ProblemKind;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every request that reaches the portal past Tomcat. A customer signs in at
 * {@code /session} ({@link SignInEndpoint}: a customer id and the launcher's
 * {@link PortalPassword}) and gets a session cookie; API calls go through an
 * {@link ApiForwarder} with that customer's token (from {@link CustomerTokens}) only, so
 * the APIs let a session see and change its own customer's orders and instances only.
 * Without a session every {@code /v1/} call is a 401; a {@code POST} without the
 * session's CSRF token, or from another origin, a 403. The routes ({@link #route}):
 * {@code GET /v1/catalog}, {@code POST /v1/orders} and {@code POST
 * /v1/instances/{id}/orders} go to order-intake, {@code GET|HEAD} of
 * {@code /v1/orders...} and {@code /v1/instances...} and {@code POST
 * /v1/instances/{id}/credentials} to status-service, other methods there get a 405, other
 * {@code /v1/} paths a 404 ({@link PortalProblems}), and everything else is a page
 * ({@link StaticPages}). A path or query that does not decode ({@link RequestTargets}) is
 * refused first with a 400 problem, as Tomcat refuses what it sees itself.
 *
 * <p>
 * Thread-safe: one Tomcat thread per request.
 */
final class PortalServlet extends HttpServlet {

	/** How long a session lasts after sign-in. */
	static final Duration SESSION_LIFETIME = Duration.ofHours(12);

	@Serial
	private static final long serialVersionUID = 1L;

	private static final Logger log = LoggerFactory.getLogger(PortalServlet.class);

	private final transient URI intake;

	private final transient URI status;

	private final transient ApiForwarder api;

	private final transient Sessions sessions;

	private final transient SignInEndpoint signIn;

	private final transient StaticPages pages = new StaticPages();

	/**
	 * @param executor runs the forwarding client's callbacks
	 * @param intake base URI of order-intake, without a trailing slash
	 * @param status base URI of status-service, without a trailing slash
	 * @param tokens mints the token of a signed-in customer
	 * @param password what a customer signs in with
	 */
	PortalServlet(Executor executor, URI intake, URI status, CustomerTokens tokens, PortalPassword password) {
		this.intake = intake;
		this.status = status;
		this.api = new ApiForwarder(executor, status);
		this.sessions = new Sessions(tokens, SESSION_LIFETIME, Clock.systemUTC());
		this.signIn = new SignInEndpoint(this.sessions, password);
	}

	/**
	 * Where the portal sends an API call.
	 */
	enum Route {

		/** Forwarded to order-intake. */
		INTAKE,

		/** Forwarded to status-service. */
		STATUS,

		/** A path the portal forwards, with a method it does not. */
		METHOD_NOT_ALLOWED,

		/** No API path the portal forwards. */
		NOT_FOUND

	}

	/**
	 * Where an API call goes.
	 * @param path the raw path, starting with {@code /v1/}
	 * @param method the method
	 * @return the route
	 */
	static Route route(String path, String method) {
		boolean read = method.equals("GET") || method.equals("HEAD");
		boolean post = method.equals("POST");
		if (path.equals("/v1/catalog")) {
			return read ? Route.INTAKE : Route.METHOD_NOT_ALLOWED;
		}
		if (path.equals("/v1/orders")) {
			return post ? Route.INTAKE : read ? Route.STATUS : Route.METHOD_NOT_ALLOWED;
		}
		if (path.matches("/v1/instances/[^/]+/orders")) {
			return post ? Route.INTAKE : Route.METHOD_NOT_ALLOWED;
		}
		if (path.matches("/v1/instances/[^/]+/credentials")) {
			return post ? Route.STATUS : Route.METHOD_NOT_ALLOWED;
		}
		if (path.startsWith("/v1/orders/") || path.equals("/v1/instances") || path.startsWith("/v1/instances/")) {
			return read ? Route.STATUS : Route.METHOD_NOT_ALLOWED;
		}
		return Route.NOT_FOUND;
	}

	@Override
	protected void service(HttpServletRequest request, HttpServletResponse response) {
		// Every method comes here, OPTIONS and unknown ones too: the routes answer them.
		String path = request.getRequestURI();
		String method = request.getMethod();
		try {
			Optional<String> refusal = RequestTargets.refusal(path, request.getQueryString());
			if (refusal.isPresent()) {
				log.debug("Portal refused a {} request whose path or query does not decode", method);
				PortalProblems.send(response, ProblemKind.BAD_REQUEST, refusal.get());
			}
			else if (path.equals("/session")) {
				this.signIn.handle(request, response);
			}
			else if (path.equals("/v1") || path.startsWith("/v1/")) {
				api(request, response, path, method);
			}
			else {
				this.pages.serve(response, path, method);
			}
		}
		catch (IOException ex) {
			// The browser went away (closed tab, aborted long poll); nothing to answer.
			log.debug("Portal request {} {} ended early: {}", method, path, ex.toString());
		}
	}

	private void api(HttpServletRequest request, HttpServletResponse response, String path, String method)
			throws IOException {
		Optional<Session> session = this.sessions.find(request);
		if (session.isEmpty()) {
			PortalProblems.send(response, ProblemKind.UNAUTHORIZED,
					"Not signed in: the portal calls the APIs for a signed-in customer only; sign in at /signin.html");
			return;
		}
		Route route = route(path, method);
		switch (route) {
			case NOT_FOUND -> PortalProblems.send(response, ProblemKind.NOT_FOUND,
					"The portal forwards /v1/catalog, /v1/orders and /v1/instances only");
			case METHOD_NOT_ALLOWED -> {
				String allowed = allowed(path);
				response.setHeader("Allow", allowed);
				PortalProblems.send(response, ProblemKind.METHOD_NOT_ALLOWED,
						method + " is not supported on " + path + "; the portal forwards " + allowed + " there");
			}
			case INTAKE, STATUS -> {
				if (!method.equals("GET") && !method.equals("HEAD") && (SignInEndpoint.crossOrigin(request)
						|| !session.get().csrfMatches(request.getHeader(SignInEndpoint.CSRF_HEADER)))) {
					log.warn("Portal refused a {} {} of customer {} without its CSRF token or from another origin",
							method, path, session.get().customerId());
					PortalProblems.send(response, ProblemKind.FORBIDDEN,
							"A " + method + " through the portal needs the session's " + SignInEndpoint.CSRF_HEADER
									+ " header and the portal's own origin, as the portal's pages send them");
					return;
				}
				this.api.forward(request, response, (route == Route.INTAKE) ? this.intake : this.status,
						session.get().bearerToken());
			}
		}
	}

	private static String allowed(String path) {
		if (path.equals("/v1/orders")) {
			return "GET, HEAD, POST";
		}
		if (path.matches("/v1/instances/[^/]+/(orders|credentials)")) {
			return "POST";
		}
		return "GET, HEAD";
	}

}
