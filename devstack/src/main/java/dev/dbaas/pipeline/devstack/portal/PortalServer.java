package dev.dbaas.pipeline.devstack.portal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the portal pages from the class path ({@code portal/}) and forwards the API
 * calls the pages make: {@code GET /v1/catalog} and {@code POST /v1/orders} to
 * order-intake, {@code GET /v1/orders...} to status-service. Status code, the headers the
 * API speaks (see {@link #REQUEST_HEADERS}, {@link #RESPONSE_HEADERS}) and the body pass
 * through as streams, so a long poll ({@code Prefer: wait=N}) waits upstream and answers
 * when status-service does. A {@code Location} pointing at status-service is rewritten to
 * a path on this server. The portal is a backend with a service token: every forwarded
 * call carries its bearer token (never one from the browser, whose {@code Authorization}
 * header is not passed on).
 *
 * <p>
 * One thread per request in flight (a long poll holds one for up to 30 s): fine for a
 * local launcher, not meant for production traffic. Thread-safe; {@link #close()} stops
 * accepting and waits at most a second for requests in flight.
 */
public final class PortalServer implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(PortalServer.class);

	/** Request headers passed to the services. */
	static final List<String> REQUEST_HEADERS = List.of("Accept", "Content-Type", "Idempotency-Key", "Prefer",
			"If-None-Match");

	/** Response headers passed back to the browser. */
	static final List<String> RESPONSE_HEADERS = List.of("Content-Type", "Location", "ETag", "Idempotency-Key",
			"Idempotent-Replayed", "Preference-Applied", "Retry-After", "Cache-Control");

	private static final Map<String, String> CONTENT_TYPES = Map.of("html", "text/html; charset=utf-8", "css",
			"text/css; charset=utf-8", "js", "text/javascript; charset=utf-8", "svg", "image/svg+xml", "png",
			"image/png", "ico", "image/x-icon");

	/** Longer than the longest long poll status-service grants (30 s). */
	private static final Duration UPSTREAM_TIMEOUT = Duration.ofSeconds(45);

	private final HttpServer server;

	private final ExecutorService executor;

	private final HttpClient http;

	private final URI intake;

	private final URI status;

	private final Supplier<String> bearerToken;

	private PortalServer(HttpServer server, ExecutorService executor, URI intake, URI status,
			Supplier<String> bearerToken) {
		this.server = server;
		this.executor = executor;
		this.intake = intake;
		this.status = status;
		this.bearerToken = bearerToken;
		this.http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.followRedirects(HttpClient.Redirect.NEVER)
			.executor(executor)
			.build();
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
			// status-service: /v1/orders... and /v1/instances... with GET; the credential
			// reveal with POST.
			String path = exchange.getRequestURI().getRawPath();
			String method = exchange.getRequestMethod();
			if (path.equals("/v1/catalog") || (path.equals("/v1/orders") && method.equals("POST"))) {
				forward(exchange, this.intake);
			}
			else if (path.equals("/v1/orders") || path.startsWith("/v1/orders/") || path.equals("/v1/instances")
					|| path.startsWith("/v1/instances/")) {
				if (method.equals("GET") || method.equals("HEAD")
						|| (method.equals("POST") && path.matches("/v1/instances/[^/]+/credentials"))) {
					forward(exchange, this.status);
				}
				else {
					exchange.getResponseHeaders().set("Allow", "GET, HEAD");
					problem(exchange, 405, "http-405", "Method Not Allowed",
							method + " is not supported on " + path + "; the portal reads orders with GET");
				}
			}
			else if (path.startsWith("/v1/")) {
				problem(exchange, 404, "http-404", "Not Found", "The portal forwards /v1/catalog and /v1/orders only");
			}
			else {
				serveStatic(exchange, path, method);
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

	private void forward(HttpExchange exchange, URI service) throws IOException {
		URI target = URI
			.create(service + exchange.getRequestURI().getRawPath() + ((exchange.getRequestURI().getRawQuery() != null)
					? "?" + exchange.getRequestURI().getRawQuery() : ""));
		HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(UPSTREAM_TIMEOUT);
		for (String name : REQUEST_HEADERS) {
			List<String> values = exchange.getRequestHeaders().get(name);
			if (values != null) {
				values.forEach((value) -> request.header(name, value));
			}
		}
		String token = this.bearerToken.get();
		if (!token.isEmpty()) {
			request.header("Authorization", "Bearer " + token);
		}
		String method = exchange.getRequestMethod();
		if (method.equals("POST")) {
			String length = exchange.getRequestHeaders().getFirst("Content-Length");
			HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.ofInputStream(exchange::getRequestBody);
			if (length != null && length.matches("\\d{1,18}")) {
				long declared = Long.parseLong(length);
				body = (declared == 0) ? HttpRequest.BodyPublishers.noBody()
						: HttpRequest.BodyPublishers.fromPublisher(body, declared);
			}
			request.POST(body);
		}
		else {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		HttpResponse<InputStream> response;
		try {
			response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
		}
		catch (IOException ex) {
			exchange.getResponseHeaders().set("Retry-After", "5");
			problem(exchange, 503, "service-unavailable", "Service Unavailable",
					service + " did not answer (" + ex.getClass().getSimpleName() + "); try again in a moment");
			return;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return;
		}
		try (InputStream body = response.body()) {
			for (String name : RESPONSE_HEADERS) {
				List<String> values = response.headers().allValues(name);
				if (!values.isEmpty()) {
					exchange.getResponseHeaders().put(name, values.stream().map(this::relativeToPortal).toList());
				}
			}
			int code = response.statusCode();
			boolean noBody = code == 204 || code == 304 || method.equals("HEAD");
			// For sendResponseHeaders, -1 means no body and 0 a body of unknown length
			// (chunked).
			long length = response.headers().firstValueAsLong("Content-Length").orElse(-2);
			exchange.sendResponseHeaders(code, (noBody || length == 0) ? -1 : Math.max(length, 0));
			if (!noBody) {
				try (OutputStream out = exchange.getResponseBody()) {
					body.transferTo(out);
				}
			}
		}
	}

	/** Turns an absolute status-service URL into a path on the portal. */
	private String relativeToPortal(String value) {
		String status = this.status.toString();
		if (value.startsWith(status + "/")) {
			return value.substring(status.length());
		}
		return value;
	}

	private void serveStatic(HttpExchange exchange, String path, String method) throws IOException {
		if (!method.equals("GET") && !method.equals("HEAD")) {
			exchange.getResponseHeaders().set("Allow", "GET, HEAD");
			problem(exchange, 405, "http-405", "Method Not Allowed", "The portal pages are read with GET");
			return;
		}
		String name = path.equals("/") ? "index.html" : path.substring(1);
		if (!name.matches("[a-z0-9-]+\\.[a-z]+")) {
			problem(exchange, 404, "http-404", "Not Found", "No page " + path);
			return;
		}
		String extension = name.substring(name.lastIndexOf('.') + 1);
		String type = CONTENT_TYPES.get(extension);
		InputStream resource = PortalServer.class.getClassLoader().getResourceAsStream("portal/" + name);
		if (type == null || resource == null) {
			problem(exchange, 404, "http-404", "Not Found", "No page " + path);
			return;
		}
		try (InputStream in = resource) {
			byte[] bytes = in.readAllBytes();
			exchange.getResponseHeaders().set("Content-Type", type);
			exchange.getResponseHeaders().set("Cache-Control", "no-cache");
			exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
			exchange.getResponseHeaders()
				.set("Content-Security-Policy",
						"default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
			exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
			if (method.equals("HEAD")) {
				exchange.sendResponseHeaders(200, -1);
				return;
			}
			exchange.sendResponseHeaders(200, bytes.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		}
	}

	private static void problem(HttpExchange exchange, int status, String kind, String title, String detail)
			throws IOException {
		String json = "{\"type\":\"https://dbaas.example/problems/" + kind + "\",\"title\":\"" + title
				+ "\",\"status\":" + status + ",\"detail\":\"" + escape(detail) + "\"}";
		byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private static String escape(String text) {
		StringBuilder escaped = new StringBuilder(text.length());
		for (char c : text.toCharArray()) {
			switch (c) {
				case '"' -> escaped.append("\\\"");
				case '\\' -> escaped.append("\\\\");
				default -> {
					if (c < 0x20) {
						escaped.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
					}
					else {
						escaped.append(c);
					}
				}
			}
		}
		return escaped.toString();
	}

	private static URI stripSlash(URI uri) {
		String text = uri.toString();
		return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : uri;
	}

}
