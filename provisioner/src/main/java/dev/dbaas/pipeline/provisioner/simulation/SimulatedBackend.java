package dev.dbaas.pipeline.provisioner.simulation;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

import dev.dbaas.pipeline.contract.credentials.AdminCredentials;
import dev.dbaas.pipeline.provisioner.groupcommit.GroupedTransactions;
import dev.dbaas.pipeline.provisioner.provisioning.DatabaseOrder;
import dev.dbaas.pipeline.provisioner.provisioning.Failure;
import dev.dbaas.pipeline.provisioner.provisioning.FailureCode;
import dev.dbaas.pipeline.provisioner.provisioning.InstanceFacts;
import dev.dbaas.pipeline.provisioner.provisioning.ObservedSettings;
import dev.dbaas.pipeline.provisioner.provisioning.ProvisioningBackend;
import dev.dbaas.pipeline.provisioner.provisioning.ProvisioningStep;
import dev.dbaas.pipeline.provisioner.provisioning.StepOutcome;
import dev.dbaas.pipeline.provisioner.provisioning.StepOutcome.Completed;
import dev.dbaas.pipeline.provisioner.provisioning.StepOutcome.Rejected;
import dev.dbaas.pipeline.provisioner.provisioning.StepOutcome.TransientError;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;

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
 * Its view of each instance ({@code simulated_instance}: node size, storage, trusted
 * sources, whether it runs) is changed by the create's and the change orders' steps in
 * the statement of their effect, and read back by {@code HEALTH_CHECK} and
 * {@code VERIFY_SETTINGS} as the observed settings. A node-size change reports its step's
 * latency as the interruption. {@link #release} marks a cancelled create's instance
 * released and drops its secret; a removed or released instance frees its region's
 * capacity. Not host-bound: any worker acts on any instance.
 *
 * <p>
 * The simulated cloud lives in the provisioner's database, so its calls are units of the
 * provisioner's {@link GroupedTransactions group commit}: the calls of concurrent workers
 * share a commit, and each call returns only after its effect committed, as a remote
 * API's answer would come after its own. A step's latency is waited on the caller's
 * thread, before the call is handed over.
 *
 * <p>
 * Thread-safe.
 */
public class SimulatedBackend implements ProvisioningBackend {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;

	private final GroupedTransactions transactions;

	private final SimulationProperties knobs;

	private final String caller;

	/**
	 * Creates the simulation.
	 * @param jdbc where the simulated cloud keeps its state
	 * @param transactions the group commit on that database, in which every call runs
	 * @param knobs latency, failure and capacity settings
	 * @param caller who calls, recorded with every call (the worker id)
	 */
	public SimulatedBackend(JdbcClient jdbc, GroupedTransactions transactions, SimulationProperties knobs,
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
				&& this.knobs.capacityOf(order.region()).isPresent()) || step == ProvisioningStep.HEALTH_CHECK
				|| step == ProvisioningStep.VERIFY_SETTINGS || step == ProvisioningStep.VERIFY_DELETED;
		if (!transientError && !failure && !needsChecks) {
			return this.transactions.run(() -> executeOrReplay(order, step, attempt));
		}
		return this.transactions.run(() -> performNow(order, step, attempt, transientError, failure));
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
				    ON CONFLICT (order_id, name) DO NOTHING),
				effect AS (%s)
				INSERT INTO backend_calls (order_id, step, attempt, outcome, caller)
				SELECT :orderId, :step, :attempt,
				       CASE WHEN EXISTS (SELECT 1 FROM created) THEN 'EXECUTED' ELSE 'REPLAYED' END, :caller
				RETURNING outcome
				""".formatted(effectOf(step, "EXISTS (SELECT 1 FROM created)")))
			.param("orderId", order.orderId().value())
			.param("step", step.name())
			.param("region", order.region().name())
			.param("detail", detailOf(order, step))
			.param("secret", secretFor(step))
			.param("attempt", attempt)
			.param("caller", this.caller)
			.params(effectParameters(order, step))
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
		if (step == ProvisioningStep.HEALTH_CHECK && completedSteps(order) < ProvisioningStep.CREATE_STEPS.size() - 1) {
			return reject(order, step, attempt, new Failure(step.failureCode(),
					"Health check of order " + order.orderId() + " failed: not every earlier step completed."));
		}
		if (step == ProvisioningStep.VERIFY_SETTINGS || step == ProvisioningStep.VERIFY_DELETED) {
			Optional<Rejected> wrong = verify(order, step);
			if (wrong.isPresent()) {
				return rejectChange(order, step, attempt, wrong.get());
			}
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
		if (hasEffect(step)) {
			this.jdbc.sql(effectOf(step, "true")).params(effectParameters(order, step)).update();
		}
		recordCall(order, step, attempt, "EXECUTED");
		return completed(order, step);
	}

	/**
	 * The step's effect on the simulated instance, as one statement that runs when
	 * {@code when} holds (in the statement that records the step: only when it executed).
	 */
	private static String effectOf(ProvisioningStep step, String when) {
		return switch (step) {
			case ALLOCATE_NODE -> """
					INSERT INTO simulated_instance (instance_id, create_order_id, region, node_size, state)
					SELECT :instanceId, :orderId, :region, :nodeSize, 'RUNNING' WHERE %s
					ON CONFLICT (instance_id) DO NOTHING""".formatted(when);
			case ATTACH_STORAGE, APPLY_STORAGE -> """
					UPDATE simulated_instance SET storage_gb = :storageGb, updated_at = now()
					 WHERE instance_id = :instanceId AND %s""".formatted(when);
			case CONFIGURE_FIREWALL, APPLY_TRUSTED_SOURCES -> """
					UPDATE simulated_instance SET trusted_sources = :trustedSources, updated_at = now()
					 WHERE instance_id = :instanceId AND %s""".formatted(when);
			case APPLY_NODE_SIZE -> """
					UPDATE simulated_instance SET node_size = :nodeSize, last_change_order_id = :orderId,
					       last_interruption_ms = :interruptionMs, updated_at = now()
					 WHERE instance_id = :instanceId AND %s""".formatted(when);
			case STOP_SERVER -> """
					UPDATE simulated_instance SET state = 'STOPPED', updated_at = now()
					 WHERE instance_id = :instanceId AND state = 'RUNNING' AND %s""".formatted(when);
			case REMOVE_DATA -> """
					UPDATE simulated_instance SET state = 'REMOVED', updated_at = now()
					 WHERE instance_id = :instanceId AND state <> 'RELEASED' AND %s""".formatted(when);
			case INSTALL_ENGINE, CREATE_ADMIN_CREDENTIALS, HEALTH_CHECK, VERIFY_SETTINGS, VERIFY_DELETED ->
				"SELECT 1 WHERE " + when;
		};
	}

	private static boolean hasEffect(ProvisioningStep step) {
		return !effectOf(step, "true").startsWith("SELECT");
	}

	private Map<String, Object> effectParameters(DatabaseOrder order, ProvisioningStep step) {
		Map<String, Object> parameters = new HashMap<>();
		parameters.put("orderId", order.orderId().value());
		parameters.put("region", order.region().name());
		parameters.put("instanceId", order.instanceId());
		parameters.put("nodeSize", order.nodeSize());
		parameters.put("storageGb", order.storageGb());
		parameters.put("trustedSources", new SqlArrayValue("text", order.trustedSources().toArray()));
		parameters.put("interruptionMs", this.knobs.latencyOf(step).toMillis());
		return parameters;
	}

	/**
	 * Why a verification step fails, if it does: an update's settings as read back differ
	 * from the desired ones, or a deleted instance still runs.
	 */
	private Optional<Rejected> verify(DatabaseOrder order, ProvisioningStep step) {
		Optional<SimulatedInstance> instance = instance(order.instanceId());
		if (step == ProvisioningStep.VERIFY_DELETED) {
			return instance.filter((found) -> "RUNNING".equals(found.state()) || "STOPPED".equals(found.state()))
				.map((found) -> new Rejected(new Failure(step.failureCode(), "Instance " + order.instanceId()
						+ " of order " + order.orderId() + " is still " + found.state() + "."), false));
		}
		if (instance.isEmpty() || !"RUNNING".equals(instance.get().state())) {
			return Optional.of(new Rejected(new Failure(step.failureCode(), "Instance " + order.instanceId()
					+ " of order " + order.orderId() + " does not run; nothing to read its settings from."), false));
		}
		ObservedSettings observed = instance.get().observed(order.orderId().value());
		if (!observed.nodeSize().equals(order.nodeSize()) || observed.storageGb() != order.storageGb()
				|| !Set.copyOf(observed.trustedSources()).equals(Set.copyOf(order.trustedSources()))) {
			return Optional
				.of(new Rejected(new Failure(step.failureCode(),
						"Instance " + order.instanceId() + " runs with " + observed + " instead of node "
								+ order.nodeSize() + ", " + order.storageGb() + " GB, " + order.trustedSources() + "."),
						true));
		}
		return Optional.empty();
	}

	private StepOutcome completed(DatabaseOrder order, ProvisioningStep step) {
		return switch (step) {
			case HEALTH_CHECK -> new Completed(instanceOf(order),
					instance(order.instanceId()).map((found) -> found.observed(order.orderId().value())).orElse(null));
			case VERIFY_SETTINGS -> new Completed(null,
					instance(order.instanceId()).map((found) -> found.observed(order.orderId().value())).orElseThrow());
			default -> Completed.step();
		};
	}

	private Optional<SimulatedInstance> instance(String instanceId) {
		return this.jdbc.sql("""
				SELECT state, node_size, storage_gb, trusted_sources, last_change_order_id, last_interruption_ms
				  FROM simulated_instance WHERE instance_id = :instanceId
				""").param("instanceId", instanceId).query((rs, n) -> {
			java.sql.Array sources = rs.getArray("trusted_sources");
			long interruption = rs.getLong("last_interruption_ms");
			Long interruptionMs = rs.wasNull() ? null : interruption;
			return new SimulatedInstance(rs.getString("state"), rs.getString("node_size"), rs.getInt("storage_gb"),
					(sources != null) ? List.of((String[]) sources.getArray()) : List.of(),
					rs.getString("last_change_order_id"), interruptionMs);
		}).optional();
	}

	private StepOutcome rejectChange(DatabaseOrder order, ProvisioningStep step, int attempt, Rejected rejected) {
		StepOutcome outcome = reject(order, step, attempt, rejected.failure());
		return (outcome instanceof Rejected) ? rejected : outcome;
	}

	@Override
	public StepOutcome release(DatabaseOrder create) throws InterruptedException {
		Duration latency = this.knobs.stepLatency();
		if (!latency.isZero()) {
			Thread.sleep(latency.toMillis(), latency.toNanosPart() % 1_000_000);
		}
		this.transactions.run(() -> {
			int released = this.jdbc.sql("""
					UPDATE simulated_instance SET state = 'RELEASED', updated_at = now()
					 WHERE create_order_id = :orderId AND state <> 'RELEASED'
					""").param("orderId", create.orderId().value()).update();
			int secrets = this.jdbc.sql("DELETE FROM simulated_secret WHERE order_id = :orderId")
				.param("orderId", create.orderId().value())
				.update();
			this.jdbc.sql("""
					INSERT INTO backend_calls (order_id, step, attempt, outcome, caller)
					VALUES (:orderId, 'RELEASE', 0, :outcome, :caller)
					""")
				.param("orderId", create.orderId().value())
				.param("outcome", (released + secrets > 0) ? "EXECUTED" : "REPLAYED")
				.param("caller", this.caller)
				.update();
			return released;
		});
		return Completed.step();
	}

	/** A row of {@code simulated_instance}. */
	private record SimulatedInstance(String state, String nodeSize, int storageGb, List<String> trustedSources,
			@Nullable String lastChangeOrderId, @Nullable Long lastInterruptionMs) {

		ObservedSettings observed(String orderId) {
			return new ObservedSettings(this.nodeSize, Math.max(1, this.storageGb), this.trustedSources,
					orderId.equals(this.lastChangeOrderId) ? this.lastInterruptionMs : null);
		}

	}

	private Optional<StepOutcome> earlierOutcome(DatabaseOrder order, ProvisioningStep step) {
		return this.jdbc.sql("""
				SELECT outcome, detail, failure_code FROM simulated_resource
				 WHERE order_id = :orderId AND step = :step
				""").param("orderId", order.orderId().value()).param("step", step.name()).query((rs, n) -> {
			if ("REJECTED".equals(rs.getString("outcome"))) {
				return Optional.<StepOutcome>of(
						new Rejected(new Failure(new FailureCode(rs.getString("failure_code")), rs.getString("detail")),
								order.isChange() ? step.usableAfterFailure() : null));
			}
			// COMPLETED: answered below, once the result set is closed (completed() reads
			// the instance). A row mapper must not return null: JdbcClient's optional()
			// would take it for no row.
			return Optional.<StepOutcome>empty();
		}).optional().map((rejected) -> rejected.orElseGet(() -> completed(order, step)));
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
				   AND NOT EXISTS (SELECT 1 FROM simulated_instance i
				                    WHERE i.create_order_id = simulated_resource.order_id
				                      AND i.state IN ('REMOVED', 'RELEASED'))
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
		return this.transactions
			.run(() -> this.jdbc.sql("SELECT value FROM simulated_secret WHERE order_id = :orderId AND name = 'admin'")
				.param("orderId", order.orderId().value())
				.query(String.class)
				.optional())
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
			case APPLY_STORAGE -> "instance " + order.instanceId() + " grown to " + order.storageGb() + " GB";
			case APPLY_NODE_SIZE -> "instance " + order.instanceId() + " restarted on node " + order.nodeSize();
			case APPLY_TRUSTED_SOURCES -> "instance " + order.instanceId() + " allows tcp/" + port + " from "
					+ order.trustedSources().stream().collect(Collectors.joining(", ", "[", "]")) + "; deny all else";
			case VERIFY_SETTINGS -> "settings of instance " + order.instanceId() + " read back";
			case STOP_SERVER -> "instance " + order.instanceId() + " stopped";
			case REMOVE_DATA -> "data of instance " + order.instanceId() + " removed";
			case VERIFY_DELETED -> "instance " + order.instanceId() + " answers no more";
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
