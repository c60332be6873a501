package dev.dbaas.pipeline.devstack;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.dbaas.pipeline.devstack.portal.PortalPassword;
import dev.dbaas.pipeline.devstack.portal.PortalServer;
import dev.dbaas.pipeline.localinfra.FreePorts;
import dev.dbaas.pipeline.localinfra.KraftBroker;
import dev.dbaas.pipeline.localinfra.PostgresServer;
import dev.dbaas.pipeline.security.Caller;
import dev.dbaas.pipeline.security.local.LocalTokenIssuer;
import org.jspecify.annotations.Nullable;

/**
 * The whole pipeline in this JVM: a real Kafka broker (KRaft) and a real PostgreSQL with
 * the topics and one database per service ({@link LocalInfrastructure}), order-intake,
 * the provisioner and status-service each in its own Spring application context
 * ({@link PipelineServices}), and the portal pages in front of them
 * ({@link PortalServer}). {@link Launcher} is its command line.
 *
 * <p>
 * The APIs want bearer tokens: the stack keeps a local RSA signing key (in
 * {@code --data-dir}, else in the temporary directory), makes the services trust it
 * ({@link LocalTokenIssuer#serviceProperties()}) and signs with it the token of each
 * customer who signs in to the portal (with a customer id and the {@link PortalPassword},
 * new on every start); {@code devstack.jar token} prints more. The portal and the three
 * services' HTTP ports listen on {@link DevStackOptions#bindAddress()}, loopback unless
 * told otherwise.
 *
 * <p>
 * {@link #close()} stops everything in reverse order; a temporary data directory is
 * removed.
 */
public final class DevStack implements AutoCloseable {

	/** The client id of the tokens the portal forwards for its signed-in customers. */
	static final String PORTAL_CLIENT = "portal";

	private final DevStackOptions options;

	private final LocalInfrastructure infrastructure;

	private final LocalTokenIssuer tokens;

	private final PortalPassword portalPassword = PortalPassword.random();

	private @Nullable PipelineServices services;

	private @Nullable PortalServer portal;

	private Duration startup = Duration.ZERO;

	private DevStack(DevStackOptions options, LocalInfrastructure infrastructure, LocalTokenIssuer tokens) {
		this.options = options;
		this.infrastructure = infrastructure;
		this.tokens = tokens;
	}

	/**
	 * Where the launcher keeps its token signing key.
	 * @param dataDir the {@code --data-dir}, or {@code null}
	 * @return {@code <data-dir>/keys}, or a fixed directory in the temporary directory
	 * that outlives a stack without data directory, so that {@code token} finds it
	 */
	static Path keyDirectory(@Nullable Path dataDir) {
		return (dataDir != null) ? dataDir.resolve("keys") : Path.of(System.getProperty("java.io.tmpdir"),
				"dbaas-devstack-keys-" + System.getProperty("user.name"));
	}

	/**
	 * Starts the whole pipeline.
	 * @param requested ports, data directory and service properties
	 * @return the running stack
	 */
	public static DevStack start(DevStackOptions requested) {
		OneLoggingConfiguration.install();
		long began = System.nanoTime();
		DevStackOptions options = requested.withPorts(requested.kafkaPort(), requested.postgresPort(),
				FreePorts.orAny(requested.intakePort()), FreePorts.orAny(requested.provisionerPort()),
				FreePorts.orAny(requested.statusPort()));
		LocalInfrastructure infrastructure = LocalInfrastructure.start(options);
		LocalTokenIssuer tokens = LocalTokenIssuer.inDirectory(keyDirectory(options.dataDir()));
		DevStack stack = new DevStack(options, infrastructure, tokens);
		try {
			LocalDataPlane dataPlane = LocalDataPlane.of(infrastructure.dataDir(), keyDirectory(options.dataDir()));
			stack.services = PipelineServices.start(options, infrastructure, tokens, dataPlane);
			String upstream = options.serviceHost();
			stack.portal = PortalServer.start(InetAddress.getByName(options.bindAddress()), options.portalPort(),
					URI.create("http://" + upstream + ":" + options.intakePort()),
					URI.create("http://" + upstream + ":" + options.statusPort()), (customerId, lifetime) -> tokens
						.token(PORTAL_CLIENT, customerId, List.of(Caller.WRITE, Caller.READ), lifetime),
					stack.portalPassword);
		}
		catch (RuntimeException ex) {
			stack.close();
			throw ex;
		}
		catch (UnknownHostException ex) {
			stack.close();
			throw new IllegalArgumentException("Cannot listen on " + options.bindAddress(), ex);
		}
		stack.startup = Duration.ofNanos(System.nanoTime() - began);
		return stack;
	}

	/**
	 * Which provisioning backend the stack runs.
	 * @return {@code local} (real servers for PostgreSQL and MariaDB) or
	 * {@code simulation}
	 */
	public String backend() {
		return this.options.serviceProperties().getOrDefault(LocalDataPlane.BACKEND, LocalDataPlane.LOCAL);
	}

	/**
	 * What the launcher prints when everything is ready (see {@link Banner}).
	 * @return URLs and an example order as a curl command
	 */
	public String banner() {
		return Banner.of(this);
	}

	/**
	 * Where a browser finds the portal.
	 * @return the portal's URL, e.g. {@code http://localhost:8080/}
	 * @throws IllegalStateException after {@link #close()}
	 */
	public URI portalUrl() {
		PortalServer running = this.portal;
		if (running == null) {
			throw new IllegalStateException("The portal is not running");
		}
		return running.url();
	}

	/**
	 * What a customer signs in to the portal with (any customer id), new on every start;
	 * the banner prints it.
	 * @return the portal password
	 */
	public PortalPassword portalPassword() {
		return this.portalPassword;
	}

	/**
	 * How long the start took.
	 * @return start-up duration
	 */
	public Duration startup() {
		return this.startup;
	}

	/**
	 * The issuer whose tokens the stack's services accept.
	 * @return the local token issuer
	 */
	public LocalTokenIssuer tokens() {
		return this.tokens;
	}

	/**
	 * The Kafka broker of the stack.
	 * @return the broker
	 */
	public KraftBroker kafka() {
		return this.infrastructure.kafka();
	}

	/**
	 * The PostgreSQL server of the stack.
	 * @return the server
	 */
	public PostgresServer postgres() {
		return this.infrastructure.postgres();
	}

	/**
	 * Where the stack keeps its data.
	 * @return the data directory
	 */
	public Path dataDir() {
		return this.infrastructure.dataDir();
	}

	/**
	 * Whether {@link #close()} removes the data directory.
	 * @return {@code true} without {@code --data-dir}
	 */
	public boolean dataIsTemporary() {
		return this.infrastructure.temporary();
	}

	/**
	 * The options the stack runs with, free ports resolved.
	 * @return the options
	 */
	public DevStackOptions options() {
		PortalServer running = this.portal;
		return (running != null) ? this.options.withPortalPort(running.port()) : this.options;
	}

	@Override
	public void close() {
		PortalServer running = this.portal;
		if (running != null) {
			running.close();
			this.portal = null;
		}
		PipelineServices started = this.services;
		if (started != null) {
			started.close();
			this.services = null;
		}
		this.infrastructure.close();
	}

}
