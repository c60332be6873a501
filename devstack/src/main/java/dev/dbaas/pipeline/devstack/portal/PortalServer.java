package dev.dbaas.pipeline.devstack.portal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import dev.dbaas.pipeline.security.web.ProblemErrorReportValve;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.modeler.Registry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The portal: an embedded Tomcat in front of the services for the pages the launcher
 * serves, with one servlet ({@link PortalServlet}: sign-in, sessions, the API routes, the
 * pages). Tomcat parses every request as it does for the APIs, and what it refuses before
 * the servlet runs (a request line or target that is not HTTP, a path that does not
 * decode or normalize, an encoded {@code /}, a header name that is not a token, a bad or
 * repeated {@code Content-Length} or {@code Host}, an HTTP version other than 1.x, a
 * request head over 8 KiB, {@code TRACE}) is answered by pipeline-security's
 * {@link ProblemErrorReportValve}: a 4xx {@code application/problem+json} of the APIs'
 * vocabulary, on every path.
 *
 * <p>
 * One Tomcat thread per request in flight (a long poll holds one for up to 30 s; Tomcat
 * runs up to 200): fine for a local launcher, not meant for production traffic.
 * Thread-safe; {@link #close()} stops accepting and waits about a second for requests in
 * flight, then interrupts them.
 */
public final class PortalServer implements AutoCloseable {

	/** How long a session lasts after sign-in. */
	public static final Duration SESSION_LIFETIME = PortalServlet.SESSION_LIFETIME;

	/**
	 * How long {@link #close()} lets a request in flight finish before it interrupts it.
	 */
	private static final int UNLOAD_DELAY_MILLIS = 1000;

	private static final Logger log = LoggerFactory.getLogger(PortalServer.class);

	private final Tomcat tomcat;

	private final Path baseDir;

	private final InetAddress address;

	private final ExecutorService executor;

	private final AtomicBoolean closed = new AtomicBoolean();

	private PortalServer(Tomcat tomcat, Path baseDir, InetAddress address, ExecutorService executor) {
		this.tomcat = tomcat;
		this.baseDir = baseDir;
		this.address = address;
		this.executor = executor;
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
		PortalServlet servlet = new PortalServlet(executor, stripSlash(intake), stripSlash(status), tokens, password);
		// As Spring Boot does for the services' Tomcats: no JMX beans, so that several
		// Tomcats in one JVM do not collide.
		Registry.disableRegistry();
		try {
			try {
				return listen(address, port, servlet, executor);
			}
			catch (BindException ex) {
				if (port == 0) {
					throw ex;
				}
				PortalServer server = listen(address, 0, servlet, executor);
				log.warn("Port {} is taken; the portal listens on {} instead (set --portal-port to choose)", port,
						server.port());
				return server;
			}
		}
		catch (IOException ex) {
			executor.shutdownNow();
			throw new UncheckedIOException("The portal cannot listen on " + address.getHostAddress() + ":" + port, ex);
		}
	}

	private static PortalServer listen(InetAddress address, int port, PortalServlet servlet, ExecutorService executor)
			throws IOException {
		Path baseDir = Files.createTempDirectory("portal-tomcat-");
		Tomcat tomcat = new Tomcat();
		tomcat.setBaseDir(baseDir.toString());
		Connector connector = new Connector();
		connector.setPort(port);
		connector.setProperty("address", address.getHostAddress());
		// A port that is taken fails start() (with the BindException as a cause), as
		// Spring Boot has it, instead of a connector left stopped.
		connector.setThrowOnFailure(true);
		tomcat.setConnector(connector);
		// Tomcat's addContext makes a StandardContext; the delay must be set before the
		// servlet is added, which copies it.
		StandardContext context = (StandardContext) tomcat.addContext("", null);
		context.setUnloadDelay(UNLOAD_DELAY_MILLIS);
		// As Spring Boot does: these checks need --add-opens and only warn at each stop.
		context.setClearReferencesThreadLocals(false);
		context.setClearReferencesRmiTargets(false);
		Tomcat.addServlet(context, "portal", servlet);
		context.addServletMappingDecoded("/", "portal");
		ProblemErrorReportValve.installOn(tomcat.getHost());
		PortalServer server = new PortalServer(tomcat, baseDir, address, executor);
		try {
			tomcat.start();
			return server;
		}
		catch (LifecycleException ex) {
			server.stopTomcat();
			BindException taken = bindException(ex);
			if (taken != null) {
				throw taken;
			}
			throw new IOException("Tomcat did not start", ex);
		}
	}

	private static @Nullable BindException bindException(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof BindException bind) {
				return bind;
			}
		}
		return null;
	}

	/**
	 * The port the server listens on.
	 * @return the bound port
	 */
	public int port() {
		return this.tomcat.getConnector().getLocalPort();
	}

	/**
	 * The address the server listens on.
	 * @return the bound address, e.g. {@code 127.0.0.1}
	 */
	public InetAddress address() {
		return this.address;
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
		if (this.closed.getAndSet(true)) {
			return;
		}
		stopTomcat();
		this.executor.shutdownNow();
		try {
			this.executor.awaitTermination(2, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void stopTomcat() {
		try {
			this.tomcat.stop();
			this.tomcat.destroy();
		}
		catch (LifecycleException ex) {
			log.warn("The portal's Tomcat did not stop cleanly: {}", ex.toString());
		}
		try (Stream<Path> files = Files.walk(this.baseDir)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
		catch (IOException ex) {
			log.debug("Could not delete the portal's Tomcat directory {}: {}", this.baseDir, ex.toString());
		}
	}

	private static URI stripSlash(URI uri) {
		String text = uri.toString();
		return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : uri;
	}

}
