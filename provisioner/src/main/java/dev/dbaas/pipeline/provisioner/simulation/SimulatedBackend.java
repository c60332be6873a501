package dev.dbaas.pipeline.provisioner.simulation;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

import dev.dbaas.pipeline.contract.credentials.AdminCredentials;
import dev.dbaas.pipeline.provisioner.provisioning.DatabaseOrder;
import dev.dbaas.pipeline.provisioner.provisioning.Failure;
import dev.dbaas.pipeline.provisioner.provisioning.FailureCode;
import dev.dbaas.pipeline.provisioner.provisioning.InstanceFacts;
import dev.dbaas.pipeline.provisioner.provisioning.ProvisioningBackend;
import dev.dbaas.pipeline.provisioner.provisioning.ProvisioningStep;
import dev.dbaas.pipeline.provisioner.provisioning.StepOutcome;
import dev.dbaas.pipeline.provisioner.provisioning.StepOutcome.Completed;
import dev.dbaas.pipeline.provisioner.provisioning.StepOutcome.Rejected;
import dev.dbaas.pipeline.provisioner.provisioning.StepOutcome.TransientError;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A simulated cloud: each step waits its latency, may fail (for good or transiently, by
 * seeded draws), allocates nodes against a per-region capacity, and answers like an
 * idempotent API. The idempotency key is (order, step): the first successful or rejected
 * call decides the outcome, and every later call replays it without doing the work again.
 *
 * <p>
 * Every call is recorded in {@code backend_calls} with what it did ({@code EXECUTED},
 * {@code REPLAYED}, {@code TRANSIENT_ERROR}, {@code REJECTED}), in the transaction of its
 * effect, so tests can prove that no step ran twice.
 *
 * <p>
 * {@code CREATE_ADMIN_CREDENTIALS} generates a random admin password and keeps it in the
 * simulated secret store ({@code simulated_secret}), in the same statement as the step's
 * effect; the step's detail and everything after it name only the reference
 * {@code <orderId>/admin}.
 *
 * <p>
 * Thread-safe.
 */
public class SimulatedBackend implements ProvisioningBackend {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final SimulationProperties knobs;

	private final String caller;

	/**
	 * Creates the simulation.
	 * @param jdbc where the simulated cloud keeps its state
	 * @param transactions transactions on that database
	 * @param knobs latency, failure and capacity settings
	 * @param caller who calls, recorded with every call (the worker id)
	 */
	public SimulatedBackend(JdbcClient jdbc, TransactionTemplate transactions, SimulationProperties knobs,
			String caller) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.knobs = knobs;
		this.caller = caller;
	}

	@Override
	public StepOutcome perform(DatabaseOrder order, ProvisioningStep step, int attempt) throws InterruptedException {
		Duration latency = this.knobs.latencyOf(step);
		if (!latency.isZero()) {
			Thread.sleep(latency.toMillis(), latency.toNanosPart() % 1_000_000);
		}
		SplittableRandom draws = new SplittableRandom(seedFor(order, step, attempt));
		double failureDraw = draws.nextDouble();
		double transientDraw = draws.nextDouble();
		boolean transientError = attempt < this.knobs.transientErrorsBeforeSuccessOf(step)
				|| transientDraw < this.knobs.transientErrorProbabilityOf(step);
		boolean failure = failureDraw < this.knobs.failureProbabilityOf(step);
		boolean needsChecks = (step == ProvisioningStep.ALLOCATE_NODE
				&& this.knobs.capacityOf(order.region()).isPresent()) || step == ProvisioningStep.HEALTH_CHECK;
		if (!transientError && !failure && !needsChecks) {
			return executeOrReplay(order, step, attempt);
		}
		StepOutcome outcome = this.transactions
			.execute((status) -> performNow(order, step, attempt, transientError, failure));
		if (outcome == null) {
			throw new IllegalStateException("simulated step returned no outcome");
		}
		return outcome;
	}

	/**
	 * The common case, in one atomic statement: create the step's effect unless it
	 * exists, and log the call as EXECUTED or REPLAYED accordingly.
	 */
	private StepOutcome executeOrReplay(DatabaseOrder order, ProvisioningStep step, int attempt) {
		String outcome = this.jdbc.sql("""
				WITH created AS (
				    INSERT INTO simulated_resource (order_id, step, region, outcome, detail)
				    VALUES (:orderId, :step, :region, 'COMPLETED', :detail)
				    ON CONFLICT (order_id, step) DO NOTHING
				    RETURNING order_id),
				secret AS (
				    INSERT INTO simulated_secret (order_id, name, value)
				    SELECT order_id, 'admin', CAST(:secret AS text) FROM created
				     WHERE CAST(:secret AS text) IS NOT NULL
				    ON CONFLICT (order_id, name) DO NOTHING)
				INSERT INTO backend_calls (order_id, step, attempt, outcome, caller)
				SELECT :orderId, :step, :attempt,
				       CASE WHEN EXISTS (SELECT 1 FROM created) THEN 'EXECUTED' ELSE 'REPLAYED' END, :caller
				RETURNING outcome
				""")
			.param("orderId", order.orderId().value())
			.param("step", step.name())
			.param("region", order.region().name())
			.param("detail", detailOf(order, step))
			.param("secret", secretFor(step))
			.param("attempt", attempt)
			.param("caller", this.caller)
			.query(String.class)
			.single();
		if ("EXECUTED".equals(outcome)) {
			return Completed.step();
		}
		return earlierOutcome(order, step).orElseThrow();
	}

	private StepOutcome performNow(DatabaseOrder order, ProvisioningStep step, int attempt, boolean transientError,
			boolean failure) {
		Optional<StepOutcome> earlier = earlierOutcome(order, step);
		if (earlier.isPresent()) {
			recordCall(order, step, attempt, "REPLAYED");
			return earlier.get();
		}
		if (transientError) {
			recordCall(order, step, attempt, "TRANSIENT_ERROR");
			return new TransientError("simulated transient error: the control plane of region " + order.region()
					+ " did not answer " + step + " in time (attempt " + (attempt + 1) + ")");
		}
		if (failure) {
			return reject(order, step, attempt, new Failure(step.failureCode(), failureMessage(order, step)));
		}
		if (step == ProvisioningStep.ALLOCATE_NODE) {
			Optional<Failure> noCapacity = checkCapacity(order);
			if (noCapacity.isPresent()) {
				return reject(order, step, attempt, noCapacity.get());
			}
		}
		if (step == ProvisioningStep.HEALTH_CHECK && completedSteps(order) < ProvisioningStep.values().length - 1) {
			return reject(order, step, attempt, new Failure(step.failureCode(),
					"Health check of order " + order.orderId() + " failed: not every earlier step completed."));
		}
		int inserted = this.jdbc.sql("""
				INSERT INTO simulated_resource (order_id, step, region, outcome, detail)
				VALUES (:orderId, :step, :region, 'COMPLETED', :detail)
				ON CONFLICT (order_id, step) DO NOTHING
				""")
			.param("orderId", order.orderId().value())
			.param("step", step.name())
			.param("region", order.region().name())
			.param("detail", detailOf(order, step))
			.update();
		if (inserted == 0) {
			// A concurrent call for the same order and step won; answer what it did.
			recordCall(order, step, attempt, "REPLAYED");
			return earlierOutcome(order, step).orElseThrow();
		}
		String secret = secretFor(step);
		if (secret != null) {
			this.jdbc.sql("INSERT INTO simulated_secret (order_id, name, value) VALUES (:orderId, 'admin', :secret)")
				.param("orderId", order.orderId().value())
				.param("secret", secret)
				.update();
		}
		recordCall(order, step, attempt, "EXECUTED");
		return (step == ProvisioningStep.HEALTH_CHECK) ? new Completed(instanceOf(order)) : Completed.step();
	}

	private Optional<StepOutcome> earlierOutcome(DatabaseOrder order, ProvisioningStep step) {
		return this.jdbc.sql("""
				SELECT outcome, detail, failure_code FROM simulated_resource
				 WHERE order_id = :orderId AND step = :step
				""").param("orderId", order.orderId().value()).param("step", step.name()).query((rs, n) -> {
			if ("REJECTED".equals(rs.getString("outcome"))) {
				return (StepOutcome) new Rejected(
						new Failure(new FailureCode(rs.getString("failure_code")), rs.getString("detail")));
			}
			return (step == ProvisioningStep.HEALTH_CHECK) ? new Completed(instanceOf(order)) : Completed.step();
		}).optional();
	}

	private Optional<Failure> checkCapacity(DatabaseOrder order) {
		OptionalInt capacity = this.knobs.capacityOf(order.region());
		if (capacity.isEmpty()) {
			return Optional.empty();
		}
		// Serialize allocations per region, so that concurrent calls cannot overbook it.
		this.jdbc.sql("SELECT pg_advisory_xact_lock(hashtext(:key))")
			.param("key", "simulated-region:" + order.region().name())
			.query((rs, n) -> 1)
			.list();
		int allocated = this.jdbc.sql("""
				SELECT count(*) FROM simulated_resource
				 WHERE step = 'ALLOCATE_NODE' AND region = :region AND outcome = 'COMPLETED'
				""").param("region", order.region().name()).query(Integer.class).single();
		if (allocated < capacity.getAsInt()) {
			return Optional.empty();
		}
		return Optional.of(new Failure(FailureCode.REGION_CAPACITY_EXHAUSTED, "Region " + order.region()
				+ " has no capacity left: all " + capacity.getAsInt() + " instances are allocated."));
	}

	private int completedSteps(DatabaseOrder order) {
		return this.jdbc.sql("""
				SELECT count(*) FROM simulated_resource
				 WHERE order_id = :orderId AND outcome = 'COMPLETED' AND step <> 'HEALTH_CHECK'
				""").param("orderId", order.orderId().value()).query(Integer.class).single();
	}

	private StepOutcome reject(DatabaseOrder order, ProvisioningStep step, int attempt, Failure failure) {
		int inserted = this.jdbc.sql("""
				INSERT INTO simulated_resource (order_id, step, region, outcome, detail, failure_code)
				VALUES (:orderId, :step, :region, 'REJECTED', :detail, :code)
				ON CONFLICT (order_id, step) DO NOTHING
				""")
			.param("orderId", order.orderId().value())
			.param("step", step.name())
			.param("region", order.region().name())
			.param("detail", failure.message())
			.param("code", failure.code().value())
			.update();
		if (inserted == 0) {
			recordCall(order, step, attempt, "REPLAYED");
			return earlierOutcome(order, step).orElseThrow();
		}
		recordCall(order, step, attempt, "REJECTED");
		return new Rejected(failure);
	}

	private void recordCall(DatabaseOrder order, ProvisioningStep step, int attempt, String outcome) {
		this.jdbc.sql("""
				INSERT INTO backend_calls (order_id, step, attempt, outcome, caller)
				VALUES (:orderId, :step, :attempt, :outcome, :caller)
				""")
			.param("orderId", order.orderId().value())
			.param("step", step.name())
			.param("attempt", attempt)
			.param("outcome", outcome)
			.param("caller", this.caller)
			.update();
	}

	@Override
	public Optional<AdminCredentials> adminCredentials(DatabaseOrder order) {
		return this.jdbc.sql("SELECT value FROM simulated_secret WHERE order_id = :orderId AND name = 'admin'")
			.param("orderId", order.orderId().value())
			.query(String.class)
			.optional()
			.map((password) -> new AdminCredentials("admin", password));
	}

	/** A fresh admin password for the credentials step, none for the others. */
	private static @Nullable String secretFor(ProvisioningStep step) {
		if (step != ProvisioningStep.CREATE_ADMIN_CREDENTIALS) {
			return null;
		}
		byte[] bytes = new byte[24];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private long seedFor(DatabaseOrder order, ProvisioningStep step, int attempt) {
		long seed = this.knobs.seed();
		seed = seed * 1_000_003L + order.orderId().value().hashCode();
		seed = seed * 1_000_003L + step.ordinal();
		return seed * 1_000_003L + attempt;
	}

	private static String failureMessage(DatabaseOrder order, ProvisioningStep step) {
		String what = step.name().toLowerCase(Locale.ROOT).replace('_', ' ');
		return "Simulated failure: could not " + what + " for order " + order.orderId() + " in region " + order.region()
				+ ".";
	}

	private static String detailOf(DatabaseOrder order, ProvisioningStep step) {
		int port = order.engine().type().defaultPort();
		return switch (step) {
			case ALLOCATE_NODE -> "node " + order.nodeSize() + " " + hostOf(order);
			case ATTACH_STORAGE -> "volume of " + order.storageGb() + " GB";
			case CONFIGURE_FIREWALL -> "allow tcp/" + port + " from "
					+ order.trustedSources().stream().collect(Collectors.joining(", ", "[", "]")) + "; deny all else";
			case INSTALL_ENGINE -> order.engine() + " listening on " + port;
			case CREATE_ADMIN_CREDENTIALS ->
				"admin credentials kept in the secret store as " + order.orderId() + "/admin";
			case HEALTH_CHECK -> "healthy at " + hostOf(order) + ":" + port;
		};
	}

	private static InstanceFacts instanceOf(DatabaseOrder order) {
		return new InstanceFacts(hostOf(order), order.engine().type().defaultPort(), order.engine());
	}

	private static String hostOf(DatabaseOrder order) {
		String id = order.orderId().value().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
		String label = "db-" + id.substring(0, Math.min(12, id.length()));
		return label + "." + order.region().name().toLowerCase(Locale.ROOT) + ".dbaas.internal";
	}

}
