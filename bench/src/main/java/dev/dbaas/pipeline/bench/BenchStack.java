package dev.dbaas.pipeline.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.dbaas.pipeline.devstack.DevStack;
import dev.dbaas.pipeline.devstack.DevStackOptions;
import dev.dbaas.pipeline.security.Caller;

/**
 * The whole pipeline in this JVM, started by the launcher itself but with a
 * <em>durable</em> PostgreSQL (fsync, synchronous_commit and full_page_writes on),
 * because the baselines must run on the same server as the pipeline. Free ports,
 * temporary data removed on {@link #close()}; a JVM shutdown (Ctrl-C) closes it too, so
 * no PostgreSQL is left behind.
 */
final class BenchStack implements AutoCloseable {

	/**
	 * Service settings for the bench: an instant simulated backend, rebuild allowed, no
	 * rate limit and no cap on open long polls worth the name (the bench is one client,
	 * and it follows the orders of an e2e phase with up to 2,000 long polls at once).
	 */
	static final Map<String, String> SERVICE_PROPERTIES = Map.of("provisioner.backend", "simulation",
			"provisioner.simulation.step-latency", "0ms", "management.endpoint.rebuild.access", "unrestricted",
			"spring.main.banner-mode", "off", "intake.rate-limit.orders-per-period", "1000000",
			"status.long-poll.max-per-client", "1000000");

	private final DevStack stack;

	private final Thread shutdownHook;

	private BenchStack(DevStack stack) {
		this.stack = stack;
		this.shutdownHook = new Thread(stack::close, "bench-stack-shutdown");
		Runtime.getRuntime().addShutdownHook(this.shutdownHook);
	}

	static BenchStack start() {
		return new BenchStack(DevStack.start(DevStackOptions.defaults()
			.withPorts(0, 0, 0, 0, 0)
			.withPortalPort(0)
			.withDurable(true)
			.withServiceProperties(SERVICE_PROPERTIES)));
	}

	String intakeUrl() {
		return "http://127.0.0.1:" + this.stack.options().intakePort();
	}

	String statusUrl() {
		return "http://127.0.0.1:" + this.stack.options().statusPort();
	}

	/**
	 * A token for the bench client: places, reads and summarizes orders, rebuilds the
	 * view.
	 * @return a bearer token valid for a day
	 */
	String token() {
		return this.stack.tokens()
			.serviceToken("bench", List.of(Caller.WRITE, Caller.READ, Caller.OPS), Duration.ofDays(1));
	}

	String provisionerUrl() {
		return "http://127.0.0.1:" + this.stack.options().provisionerPort();
	}

	/**
	 * Which service a thread of this JVM works for.
	 * @return the rules for this stack's ports
	 */
	ThreadGroups threadGroups() {
		DevStackOptions options = this.stack.options();
		return ThreadGroups.forStack(options.intakePort(), options.provisionerPort(), options.statusPort());
	}

	String bootstrapServers() {
		return this.stack.kafka().bootstrapServers();
	}

	String jdbcUrl() {
		return this.stack.postgres().jdbcUrl("postgres");
	}

	@Override
	public void close() {
		this.stack.close();
		try {
			Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
		}
		catch (IllegalStateException ex) {
			// the JVM is already shutting down and runs the hook itself
		}
	}

}
