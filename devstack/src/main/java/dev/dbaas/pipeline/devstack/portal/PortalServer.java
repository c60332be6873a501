package dev.dbaas.pipeline.devstack.portal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.dbaas.pipeline.contract.http.ProblemKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The portal: an HTTP server in front of the services for the pages the launcher serves.
 * A customer signs in at {@code /session} ({@link SignInEndpoint}: a customer id and the
 * launcher's {@link PortalPassword}) and gets a session cookie; API calls go through an
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
 * refused first: a 400 problem on {@code /v1/} and {@code /session}, a plain-text 400 for
 * a page.
 *
 * <p>
 * One thread per request in flight (a long poll holds one for up to 30 s): fine for a
 * local launcher, not meant for production traffic. Thread-safe; {@link #close()} stops
 * accepting and waits at most a second for requests in flight.
 */
public final class PortalServer implements AutoCloseable {

	/** How long a session lasts after sign-in. */
	public static final Duration SESSION_LIFETIME = Duration.ofHours(12);

	private static final Logger log = LoggerFactory.getLogger(PortalServer.class);

	private final HttpServer server;

	private final ExecutorService executor;

	private final URI intake;

	private final URI status;

	private final ApiForwarder api;

	private final Sessions sessions;

	private final SignInEndpoint signIn;

	private final StaticPages pages = new StaticPages();

	private PortalServer(HttpServer server, ExecutorService executor, URI intake, URI status, CustomerTokens tokens,
			PortalPassword password) {
		this.server = server;
		this.executor = executor;
		this.intake = intake;
		this.status = status;
		this.api = new ApiForwarder(executor, status);
		this.sessions = new Sessions(tokens, SESSION_LIFETIME, Clock.systemUTC());
		this.signIn = new SignInEndpoint(this.sessions, password);
	}

	/**
	 * Starts the server.
	 * @param address the address to listen on, e.g. loopback
	 * @param port the port to listen on; 0 picks a free one; if the port is taken, a free
	 * one is picked and a warning names it
	 * @param intake base URI of order-intake, e.g. {@code http://localhost:8081}
	 * @param status base URI of status-service, e.g. {@code http://localhost:8083}
	 * @param tokens mints the token of a signed-in customer (renewed before it expires)
	 * @param password what a customer signs in with, with any customer id
	 * @return the running server
	 * @throws UncheckedIOException if no port can be bound
	 */
	public static PortalServer start(InetAddress address, int port, URI intake, URI status, CustomerTokens tokens,
			PortalPassword password) {
		AtomicInteger threads = new AtomicInteger();
		ExecutorService executor = Executors.newCachedThreadPool((task) -> {
			Thread thread = new Thread(task, "portal-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		HttpServer server = bind(address, port);
		PortalServer portal = new PortalServer(server, executor, stripSlash(intake), stripSlash(status), tokens,
				password);
		server.createContext("/", portal::handle);
		server.setExecutor(executor);
		server.start();
		return portal;
	}

	private static HttpServer bind(InetAddress address, int port) {
		try {
			try {
				return HttpServer.create(new InetSocketAddress(address, port), 64);
			}
			catch (BindException ex) {
				if (port == 0) {
					throw ex;
				}
				HttpServer server = HttpServer.create(new InetSocketAddress(address, 0), 64);
				log.warn("Port {} is taken; the portal listens on {} instead (set --portal-port to choose)", port,
						server.getAddress().getPort());
				return server;
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The portal cannot listen on " + address.getHostAddress() + ":" + port, ex);
		}
	}

	/**
	 * The port the server listens on.
	 * @return the bound port
	 */
	public int port() {
		return this.server.getAddress().getPort();
	}

	/**
	 * The address the server listens on.
	 * @return the bound address, e.g. {@code 127.0.0.1}
	 */
	public InetAddress address() {
		return this.server.getAddress().getAddress();
	}

	/**
	 * Where a browser finds the portal.
	 * @return {@code http://localhost:<port>/}
	 */
	public URI url() {
		return URI.create("http://localhost:" + port() + "/");
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
		try {
			this.executor.awaitTermination(2, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
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

	private void handle(HttpExchange exchange) throws IOException {
		try {
			String path = exchange.getRequestURI().getRawPath();
			boolean api = path.equals("/v1") || path.startsWith("/v1/");
			Optional<String> refusal = RequestTargets.refusal(path, exchange.getRequestURI().getRawQuery());
			if (refusal.isPresent()) {
				log.debug("Portal refused a {} request whose path or query does not decode",
						exchange.getRequestMethod());
				if (api || path.equals("/session")) {
					PortalProblems.send(exchange, ProblemKind.BAD_REQUEST, refusal.get());
				}
				else {
					PortalProblems.sendPlain(exchange, 400, "Bad request. " + refusal.get());
				}
			}
			else if (path.equals("/session")) {
				this.signIn.handle(exchange);
			}
			else if (api) {
				api(exchange, path, exchange.getRequestMethod());
			}
			else {
				this.pages.serve(exchange, path, exchange.getRequestMethod());
			}
		}
		catch (IOException ex) {
			// The browser went away (closed tab, aborted long poll); nothing to answer.
			log.debug("Portal request {} {} ended early: {}", exchange.getRequestMethod(), exchange.getRequestURI(),
					ex.toString());
		}
		finally {
			exchange.close();
		}
	}

	private void api(HttpExchange exchange, String path, String method) throws IOException {
		Optional<Session> session = this.sessions.find(exchange.getRequestHeaders());
		if (session.isEmpty()) {
			PortalProblems.send(exchange, ProblemKind.UNAUTHORIZED,
					"Not signed in: the portal calls the APIs for a signed-in customer only; sign in at /signin.html");
			return;
		}
		Route route = route(path, method);
		switch (route) {
			case NOT_FOUND -> PortalProblems.send(exchange, ProblemKind.NOT_FOUND,
					"The portal forwards /v1/catalog, /v1/orders and /v1/instances only");
			case METHOD_NOT_ALLOWED -> {
				String allowed = allowed(path);
				exchange.getResponseHeaders().set("Allow", allowed);
				PortalProblems.send(exchange, ProblemKind.METHOD_NOT_ALLOWED,
						method + " is not supported on " + path + "; the portal forwards " + allowed + " there");
			}
			case INTAKE, STATUS -> {
				if (!method.equals("GET") && !method.equals("HEAD")
						&& (SignInEndpoint.crossOrigin(exchange.getRequestHeaders()) || !session.get()
							.csrfMatches(exchange.getRequestHeaders().getFirst(SignInEndpoint.CSRF_HEADER)))) {
					log.warn("Portal refused a {} {} of customer {} without its CSRF token or from another origin",
							method, path, session.get().customerId());
					PortalProblems.send(exchange, ProblemKind.FORBIDDEN,
							"A " + method + " through the portal needs the session's " + SignInEndpoint.CSRF_HEADER
									+ " header and the portal's own origin, as the portal's pages send them");
					return;
				}
				this.api.forward(exchange, (route == Route.INTAKE) ? this.intake : this.status,
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

	private static URI stripSlash(URI uri) {
		String text = uri.toString();
		return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : uri;
	}

}
