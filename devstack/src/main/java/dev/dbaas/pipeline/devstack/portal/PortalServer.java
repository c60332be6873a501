package dev.dbaas.pipeline.devstack.portal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.dbaas.pipeline.contract.http.ProblemKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The portal: an HTTP server in front of the services for the pages the launcher serves.
 * It routes each request: {@code GET /v1/catalog} and {@code POST /v1/orders} go to
 * order-intake and {@code GET|HEAD /v1/orders...} to status-service (both through an
 * {@link ApiForwarder}, which passes the headers the API speaks, streams long polls and
 * adds the portal's service token), other methods on orders get a 405, other {@code /v1/}
 * paths a 404 ({@link PortalProblems}), and everything else is a page
 * ({@link StaticPages}).
 *
 * <p>
 * One thread per request in flight (a long poll holds one for up to 30 s): fine for a
 * local launcher, not meant for production traffic. Thread-safe; {@link #close()} stops
 * accepting and waits at most a second for requests in flight.
 */
public final class PortalServer implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(PortalServer.class);

	private final HttpServer server;

	private final ExecutorService executor;

	private final URI intake;

	private final URI status;

	private final ApiForwarder api;

	private final StaticPages pages = new StaticPages();

	private PortalServer(HttpServer server, ExecutorService executor, URI intake, URI status,
			Supplier<String> bearerToken) {
		this.server = server;
		this.executor = executor;
		this.intake = intake;
		this.status = status;
		this.api = new ApiForwarder(executor, status, bearerToken);
	}

	/**
	 * Starts the server.
	 * @param port the port to listen on; 0 picks a free one; if the port is taken, a free
	 * one is picked and a warning names it
	 * @param intake base URI of order-intake, e.g. {@code http://localhost:8081}
	 * @param status base URI of status-service, e.g. {@code http://localhost:8083}
	 * @param bearerToken the portal's service token, asked for each forwarded call (it
	 * may renew it); an empty string sends none
	 * @return the running server
	 * @throws UncheckedIOException if no port can be bound
	 */
	public static PortalServer start(int port, URI intake, URI status, Supplier<String> bearerToken) {
		AtomicInteger threads = new AtomicInteger();
		ExecutorService executor = Executors.newCachedThreadPool((task) -> {
			Thread thread = new Thread(task, "portal-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		HttpServer server = bind(port);
		PortalServer portal = new PortalServer(server, executor, stripSlash(intake), stripSlash(status), bearerToken);
		server.createContext("/", portal::handle);
		server.setExecutor(executor);
		server.start();
		return portal;
	}

	private static HttpServer bind(int port) {
		try {
			try {
				return HttpServer.create(new InetSocketAddress(port), 64);
			}
			catch (BindException ex) {
				if (port == 0) {
					throw ex;
				}
				HttpServer server = HttpServer.create(new InetSocketAddress(0), 64);
				log.warn("Port {} is taken; the portal listens on {} instead (set --portal-port to choose)", port,
						server.getAddress().getPort());
				return server;
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The portal cannot listen on port " + port, ex);
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

	private void handle(HttpExchange exchange) throws IOException {
		try {
			String path = exchange.getRequestURI().getRawPath();
			String method = exchange.getRequestMethod();
			if (path.equals("/v1/catalog") || (path.equals("/v1/orders") && method.equals("POST"))) {
				this.api.forward(exchange, this.intake);
			}
			else if (path.equals("/v1/orders") || path.startsWith("/v1/orders/") || path.equals("/v1/instances")
					|| path.startsWith("/v1/instances/")) {
				// status-service: orders and instances with GET; the credential reveal
				// with POST.
				if (method.equals("GET") || method.equals("HEAD")
						|| (method.equals("POST") && path.matches("/v1/instances/[^/]+/credentials"))) {
					this.api.forward(exchange, this.status);
				}
				else {
					exchange.getResponseHeaders().set("Allow", "GET, HEAD");
					PortalProblems.send(exchange, ProblemKind.METHOD_NOT_ALLOWED, method + " is not supported on "
							+ path + "; the portal reads orders and instances with GET");
				}
			}
			else if (path.startsWith("/v1/")) {
				PortalProblems.send(exchange, ProblemKind.NOT_FOUND,
						"The portal forwards /v1/catalog, /v1/orders and /v1/instances only");
			}
			else {
				this.pages.serve(exchange, path, method);
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

	private static URI stripSlash(URI uri) {
		String text = uri.toString();
		return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : uri;
	}

}
