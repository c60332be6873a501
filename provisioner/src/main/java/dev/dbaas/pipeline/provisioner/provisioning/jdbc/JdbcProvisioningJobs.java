package dev.dbaas.pipeline.provisioner.provisioning.jdbc;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import dev.dbaas.pipeline.contract.instance.InstanceIdRule;
import dev.dbaas.pipeline.provisioner.groupcommit.GroupedTransactions;
import dev.dbaas.pipeline.provisioner.provisioning.ClaimedJob;
import dev.dbaas.pipeline.provisioner.provisioning.DatabaseEngine;
import dev.dbaas.pipeline.provisioner.provisioning.DatabaseOrder;
import dev.dbaas.pipeline.provisioner.provisioning.EngineType;
import dev.dbaas.pipeline.provisioner.provisioning.Failure;
import dev.dbaas.pipeline.provisioner.provisioning.FailureCode;
import dev.dbaas.pipeline.provisioner.provisioning.InstanceChanges;
import dev.dbaas.pipeline.provisioner.provisioning.InstanceFacts;
import dev.dbaas.pipeline.provisioner.provisioning.JobState;
import dev.dbaas.pipeline.provisioner.provisioning.Lease;
import dev.dbaas.pipeline.provisioner.provisioning.NewJob;
import dev.dbaas.pipeline.provisioner.provisioning.ObservedSettings;
import dev.dbaas.pipeline.provisioner.provisioning.OrderId;
import dev.dbaas.pipeline.provisioner.provisioning.OrderType;
import dev.dbaas.pipeline.provisioner.provisioning.ProvisioningJob;
import dev.dbaas.pipeline.provisioner.provisioning.ProvisioningJobs;
import dev.dbaas.pipeline.provisioner.provisioning.ProvisioningStep;
import dev.dbaas.pipeline.provisioner.provisioning.Recorded;
import dev.dbaas.pipeline.provisioner.provisioning.Region;
import dev.dbaas.pipeline.provisioner.provisioning.StrandedJob;
import dev.dbaas.pipeline.provisioner.provisioning.Transition;
import dev.dbaas.pipeline.provisioner.provisioning.outbox.StatusOutbox;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link ProvisioningJobs} in PostgreSQL. Leases use the database clock; due times and
 * deadlines come from the domain.
 *
 * <p>
 * The writes of the hot path (a new job, a claim, a worker's transition) run as units of
 * a {@link GroupedTransactions group commit}: concurrent workers' transitions share one
 * transaction, and each caller returns only after its unit committed, so a worker still
 * stores each step's outcome before it starts the next. Every unit keeps its own fencing:
 * a transition whose lease was lost changes nothing and answers
 * {@link Recorded#LEASE_LOST} for its job alone. Status events are encoded on the
 * caller's thread. The sweepers' and the heartbeat's writes are rare and keep their own
 * transactions.
 */
public class JdbcProvisioningJobs implements ProvisioningJobs {

	private static final String STATE_COLUMNS = """
			state = :state, step = :step, attempt = :attempt, sequence = :sequence, due_at = :dueAt,
			instance_host = :instanceHost, instance_port = :instancePort,
			failure_code = :failureCode, failure_message = :failureMessage,
			observed_node_size = :observedNodeSize, observed_storage_gb = :observedStorageGb,
			observed_trusted_sources = :observedTrustedSources, observed_interruption_ms = :observedInterruptionMs,
			instance_usable = :instanceUsable""";

	/**
	 * The provisioner host of a job's instance: its own, else its predecessor's (a change
	 * inherits its instance's host). {@code c} is the job.
	 */
	private static final String EFFECTIVE_HOST = """
			COALESCE(c.placement_host, (SELECT p.placement_host FROM provisioning_job p
			                             WHERE p.instance_id = c.instance_id
			                               AND p.instance_version = c.instance_version - 1))""";

	private static final String RELEASED = "lease_owner = NULL, lease_token = NULL, lease_expires_at = NULL";

	private static final String EXTENDED = "lease_expires_at = now() + :leaseMillis * interval '1 millisecond'";

	/** A new job; its {@code trace_parent} goes on to the event it emits, if any. */
	private static final String INSERT_JOB = """
			INSERT INTO provisioning_job (order_id, instance_id, customer_id, database_type, database_version, node_size,
			    storage_gb, trusted_sources, region, state, step, attempt, sequence, started_at, due_at, deadline,
			    instance_host, instance_port, failure_code, failure_message, trace_parent,
			    order_type, instance_version, change_storage_gb, change_node_size, change_trusted_sources,
			    change_deletion_protection, cancel_requested, placement_host,
			    observed_node_size, observed_storage_gb, observed_trusted_sources, observed_interruption_ms,
			    instance_usable)
			VALUES (:orderId, :instanceId, :customerId, :databaseType, :databaseVersion, :nodeSize, :storageGb,
			    :trustedSources, :region, :state, :step, :attempt, :sequence, :startedAt, :dueAt, :deadline,
			    :instanceHost, :instancePort, :failureCode, :failureMessage, CAST(:traceParent AS text),
			    :orderType, :instanceVersion, :changeStorageGb, :changeNodeSize, :changeTrustedSources,
			    :changeDeletionProtection,
			    :orderType = 'CREATE' AND EXISTS (SELECT 1 FROM provisioning_job d
			                                       WHERE d.instance_id = :instanceId AND d.order_type = 'DELETE'),
			    (SELECT h.placement_host FROM provisioning_job h
			      WHERE h.instance_id = :instanceId AND h.placement_host IS NOT NULL
			      ORDER BY h.instance_version DESC LIMIT 1),
			    :observedNodeSize, :observedStorageGb, :observedTrustedSources, :observedInterruptionMs,
			    :instanceUsable)
			ON CONFLICT (order_id) DO NOTHING
			RETURNING trace_parent
			""";

	/** Adds a job that emits no event; answers 1 if it was added, 0 if it existed. */
	private static final String ADD = "WITH added AS (" + INSERT_JOB + ")\nSELECT count(*) FROM added";

	/** Adds a job and appends its event in the same statement. */
	private static final String ADD_EMITTING = "WITH added AS (" + INSERT_JOB + "),\nemitted AS ("
			+ StatusOutbox.appendFrom("added") + ")\nSELECT count(*) FROM added";

	/**
	 * A worker's transition under its lease, which it extends or releases; returns the
	 * job's {@code cancel_requested} (and what else the caller asks for), and no row if
	 * the lease was lost.
	 */
	private static final String TRANSITION = """
			UPDATE provisioning_job SET %s, %%s
			 WHERE order_id = :orderId AND lease_token = :token AND state = 'PROCESSING'
			RETURNING cancel_requested%%s""".formatted(STATE_COLUMNS);

	private static final String HOLD = TRANSITION.formatted(EXTENDED, "");

	private static final String RELEASE = TRANSITION.formatted(RELEASED, "");

	/**
	 * A transition and the event it emits, in one statement: the event is appended only
	 * if the transition's row was updated (the lease held).
	 */
	private static final String HOLD_EMITTING = emitting(EXTENDED);

	private static final String RELEASE_EMITTING = emitting(RELEASED);

	private static final String CLAIM = """
			UPDATE provisioning_job j
			   SET lease_owner = :owner, lease_token = gen_random_uuid()::text, %s,
			       placement_host = COALESCE(due.host,
			           CASE WHEN j.database_type = ANY(:hostBound) THEN CAST(:host AS text) END)
			  FROM (SELECT c.order_id, %s AS host FROM provisioning_job c
			         WHERE c.state = 'PROCESSING' AND c.due_at <= :now
			           AND (c.lease_expires_at IS NULL OR c.lease_expires_at < now())
			           AND (c.instance_version = 1 OR EXISTS (
			                SELECT 1 FROM provisioning_job p
			                 WHERE p.instance_id = c.instance_id AND p.instance_version = c.instance_version - 1
			                   AND p.state <> 'PROCESSING'))
			           AND COALESCE(%s, CAST(:host AS text)) = CAST(:host AS text)
			         ORDER BY c.due_at
			         LIMIT :limit
			         FOR UPDATE OF c SKIP LOCKED) due
			 WHERE j.order_id = due.order_id
			RETURNING j.*
			""".formatted(EXTENDED, EFFECTIVE_HOST, EFFECTIVE_HOST);

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final GroupedTransactions grouped;

	private final StatusOutbox outbox;

	private final Duration leaseDuration;

	private final Clock clock;

	private final Supplier<@Nullable String> traceParent;

	private final String hostId;

	private final Set<EngineType> hostBound;

	private final RowMapper<ProvisioningJob> jobs = (rs, n) -> job(rs);

	/**
	 * Creates the store.
	 * @param jdbc the provisioner's database
	 * @param transactions transactions on that database
	 * @param grouped the group commit of the hot path's writes
	 * @param outbox where status events are written
	 * @param leaseDuration how long a claim lasts unless renewed
	 * @param clock the time source of due times
	 * @param traceParent the W3C trace context to store with a new job (the trace of the
	 * record that placed the order), or {@code null}
	 * @param hostId this provisioner host's id ({@code provisioner.placement.host-id})
	 * @param hostBound the engines whose instances live on the host that created them
	 * ({@link dev.dbaas.pipeline.provisioner.provisioning.ProvisioningBackend#hostBoundEngines()})
	 */
	public JdbcProvisioningJobs(JdbcClient jdbc, TransactionTemplate transactions, GroupedTransactions grouped,
			StatusOutbox outbox, Duration leaseDuration, Clock clock, Supplier<@Nullable String> traceParent,
			String hostId, Set<EngineType> hostBound) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.grouped = grouped;
		this.outbox = outbox;
		this.leaseDuration = leaseDuration;
		this.clock = clock;
		this.traceParent = traceParent;
		this.hostId = hostId;
		this.hostBound = Set.copyOf(hostBound);
	}

	@Override
	public boolean add(Transition accepted) {
		// Taken on the caller's thread: the unit runs on a writer thread.
		Insert insert = insert(accepted, this.traceParent.get());
		Boolean added = this.grouped.run(() -> {
			lockInstances(List.of(insert.order().instanceId()));
			return insert(insert);
		});
		return Boolean.TRUE.equals(added);
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * One unit of the group commit for all of them: one hand-over to a writer and one
	 * commit (shared with whatever else is in its group), instead of one of each per job.
	 */
	@Override
	public List<Boolean> addAll(List<NewJob> accepted) {
		if (accepted.isEmpty()) {
			return List.of();
		}
		List<Insert> inserts = accepted.stream().map((job) -> insert(job.accepted(), job.traceParent())).toList();
		List<Boolean> added = this.grouped.run(() -> {
			lockInstances(inserts.stream().map((insert) -> insert.order().instanceId()).toList());
			List<Boolean> stored = new ArrayList<>(inserts.size());
			for (Insert insert : inserts) {
				stored.add(insert(insert));
			}
			return stored;
		});
		return List.copyOf(added);
	}

	/**
	 * A new job as the caller's thread prepares it: its event encoded, its trace taken.
	 */
	private Insert insert(Transition accepted, @Nullable String traceParent) {
		return new Insert(accepted.job(), accepted.emitted().map(this.outbox::encode), traceParent);
	}

	/**
	 * One instance's orders are added one at a time, so that a DELETE and its create
	 * added at once on two partitions still see each other (the cancel in
	 * {@link #insert(Insert)}). The locks are taken in one order, so that two writers
	 * adding jobs of the same instances do not wait for each other in a circle.
	 */
	private void lockInstances(List<String> instanceIds) {
		String[] keys = instanceIds.stream()
			.map((id) -> "provisioning-instance:" + id)
			.distinct()
			.sorted()
			.toArray(String[]::new);
		this.jdbc.sql("""
				SELECT pg_advisory_xact_lock(hashtext(k.key))
				  FROM (SELECT key FROM unnest(CAST(:keys AS text[])) AS key ORDER BY key) k
				""").param("keys", new SqlArrayValue("text", (Object[]) keys)).query((rs, n) -> 1).list();
	}

	/** Runs on a writer thread, under the lock of the job's instance. */
	private boolean insert(Insert insert) {
		ProvisioningJob job = insert.job();
		DatabaseOrder order = job.order();
		InstanceChanges changes = order.changes();
		Optional<StatusOutbox.Encoded> event = insert.event();
		StatementSpec statement = withState(this.jdbc.sql(event.isPresent() ? ADD_EMITTING : ADD), job)
			.param("instanceId", order.instanceId())
			.param("customerId", order.customerId())
			.param("databaseType", order.engine().type().name())
			.param("databaseVersion", order.engine().version())
			.param("nodeSize", order.nodeSize())
			.param("storageGb", order.storageGb())
			.param("trustedSources", new SqlArrayValue("text", order.trustedSources().toArray()))
			.param("region", order.region().name())
			.param("startedAt", timestamp(job.startedAt()))
			.param("deadline", timestamp(job.deadline()))
			.param("traceParent", insert.traceParent())
			.param("orderType", order.type().name())
			.param("instanceVersion", order.instanceVersion())
			.param("changeStorageGb", (changes != null) ? changes.storageGb() : null, Types.INTEGER)
			.param("changeNodeSize", (changes != null) ? changes.nodeSize() : null, Types.VARCHAR)
			.param("changeTrustedSources", textArray((changes != null) ? changes.trustedSources() : null), Types.ARRAY)
			.param("changeDeletionProtection", (changes != null) ? changes.deletionProtection() : null, Types.BOOLEAN);
		int inserted = event.map((emitted) -> StatusOutbox.bind(statement, emitted))
			.orElse(statement)
			.query(Integer.class)
			.single();
		if (inserted == 1 && order.type() == OrderType.DELETE) {
			this.jdbc.sql("""
					UPDATE provisioning_job SET cancel_requested = true
					 WHERE instance_id = :instanceId AND order_type = 'CREATE' AND state = 'PROCESSING'
					""").param("instanceId", order.instanceId()).update();
		}
		return inserted == 1;
	}

	@Override
	public List<ClaimedJob> claimDue(String owner, int limit) {
		if (limit <= 0) {
			return List.of();
		}
		// Due, not leased, its predecessor (version - 1) terminal, and its instance on no
		// host or on this one. A host-bound job is placed on this host by its first
		// claim.
		Instant now = this.clock.instant();
		return this.grouped.run(() -> this.jdbc.sql(CLAIM)
			.param("owner", owner)
			.param("now", timestamp(now))
			.param("limit", limit)
			.param("leaseMillis", this.leaseDuration.toMillis())
			.param("host", this.hostId)
			.param("hostBound", new SqlArrayValue("text", this.hostBound.stream().map(Enum::name).toArray()))
			.query((rs, n) -> new ClaimedJob(job(rs),
					new Lease(new OrderId(rs.getString("order_id")), owner, rs.getString("lease_token"))))
			.list());
	}

	@Override
	public Recorded recordAndHold(Lease lease, Transition transition) {
		Optional<Boolean> cancel = record(lease, transition, true);
		if (cancel.isEmpty()) {
			return Recorded.LEASE_LOST;
		}
		return cancel.get() ? Recorded.HELD_CANCEL_REQUESTED : Recorded.HELD;
	}

	@Override
	public boolean recordAndRelease(Lease lease, Transition transition) {
		return record(lease, transition, false).isPresent();
	}

	/**
	 * Writes the transition under the lease; empty if the lease was lost, else whether a
	 * DELETE asks the job to stop (read in the same statement: the step-boundary check
	 * costs no round trip).
	 */
	private Optional<Boolean> record(Lease lease, Transition transition, boolean hold) {
		Optional<StatusOutbox.Encoded> event = transition.emitted().map(this.outbox::encode);
		String sql = hold ? (event.isPresent() ? HOLD_EMITTING : HOLD)
				: (event.isPresent() ? RELEASE_EMITTING : RELEASE);
		Optional<Boolean> recorded = this.grouped.run(() -> {
			StatementSpec statement = withState(this.jdbc.sql(sql), transition.job()).param("token", lease.token())
				.param("leaseMillis", this.leaseDuration.toMillis());
			return event.map((emitted) -> StatusOutbox.bind(statement, emitted))
				.orElse(statement)
				.query(Boolean.class)
				.optional();
		});
		return (recorded != null) ? recorded : Optional.empty();
	}

	@Override
	public void release(Lease lease) {
		this.jdbc.sql("UPDATE provisioning_job SET " + RELEASED + " WHERE order_id = :orderId AND lease_token = :token")
			.param("orderId", lease.orderId().value())
			.param("token", lease.token())
			.update();
	}

	@Override
	public int renew(Collection<Lease> leases) {
		if (leases.isEmpty()) {
			return 0;
		}
		// Rows locked right now are in a worker's transition, which extends (or gives up)
		// the lease itself; skipping them means the renewal never waits for a group
		// commit that holds several jobs, so the two cannot deadlock.
		return this.jdbc.sql("UPDATE provisioning_job SET " + EXTENDED + """
				 WHERE order_id IN (SELECT order_id FROM provisioning_job
				                     WHERE lease_token = ANY(:tokens) FOR UPDATE SKIP LOCKED)
				""")
			.param("tokens", new SqlArrayValue("text", leases.stream().map(Lease::token).toArray()))
			.param("leaseMillis", this.leaseDuration.toMillis())
			.update();
	}

	@Override
	public List<ProvisioningJob> overdue(Instant now, int limit) {
		return this.jdbc.sql("""
				SELECT * FROM provisioning_job
				 WHERE state = 'PROCESSING' AND deadline <= :now
				 ORDER BY deadline
				 LIMIT :limit
				""").param("now", timestamp(now)).param("limit", limit).query(this.jobs).list();
	}

	@Override
	public boolean recordIfUnchanged(ProvisioningJob before, Transition transition) {
		Boolean recorded = this.transactions.execute((status) -> {
			int updated = withState(this.jdbc.sql("""
					UPDATE provisioning_job SET %s, %s
					 WHERE order_id = :orderId AND state = 'PROCESSING'
					   AND sequence = :sequenceBefore AND attempt = :attemptBefore
					""".formatted(STATE_COLUMNS, RELEASED)), transition.job())
				.param("sequenceBefore", before.sequence())
				.param("attemptBefore", before.attempt())
				.update();
			if (updated == 1) {
				transition.emitted().ifPresent(this.outbox::append);
			}
			return updated == 1;
		});
		return Boolean.TRUE.equals(recorded);
	}

	@Override
	public void heartbeat() {
		this.jdbc.sql("""
				INSERT INTO provisioner_host (host_id, started_at, seen_at) VALUES (:host, now(), now())
				ON CONFLICT (host_id) DO UPDATE SET seen_at = now()
				""").param("host", this.hostId).update();
	}

	@Override
	public List<StrandedJob> stranded(Duration hostTimeout, int limit) {
		return this.jdbc.sql("""
				SELECT s.*, COALESCE(EXTRACT(EPOCH FROM now() - h.seen_at) * 1000, :timeoutMillis) AS silent_millis
				  FROM (SELECT c.*, %s AS effective_host FROM provisioning_job c WHERE c.state = 'PROCESSING') s
				  LEFT JOIN provisioner_host h ON h.host_id = s.effective_host
				 WHERE s.effective_host IS NOT NULL
				   AND (h.seen_at IS NULL OR h.seen_at < now() - :timeoutMillis * interval '1 millisecond')
				 ORDER BY s.started_at
				 LIMIT :limit
				""".formatted(EFFECTIVE_HOST))
			.param("timeoutMillis", hostTimeout.toMillis())
			.param("limit", limit)
			.query((rs, n) -> new StrandedJob(job(rs), rs.getString("effective_host"),
					Duration.ofMillis(rs.getLong("silent_millis"))))
			.list();
	}

	private static String emitting(String leaseChange) {
		return "WITH moved AS (" + TRANSITION.formatted(leaseChange, ", trace_parent") + "),\nemitted AS ("
				+ StatusOutbox.appendFrom("moved") + ")\nSELECT cancel_requested FROM moved";
	}

	private static @Nullable SqlArrayValue textArray(@Nullable List<String> values) {
		return (values != null) ? new SqlArrayValue("text", values.toArray()) : null;
	}

	private static StatementSpec withState(StatementSpec statement, ProvisioningJob job) {
		InstanceFacts instance = job.instance();
		Failure failure = job.failure();
		ObservedSettings observed = job.observed();
		return statement.param("orderId", job.orderId().value())
			.param("state", job.state().name())
			.param("step", job.step().name())
			.param("attempt", job.attempt())
			.param("sequence", job.sequence())
			.param("dueAt", timestamp(job.dueAt()))
			.param("instanceHost", (instance != null) ? instance.host() : null, Types.VARCHAR)
			.param("instancePort", (instance != null) ? instance.port() : null, Types.INTEGER)
			.param("failureCode", (failure != null) ? failure.code().value() : null, Types.VARCHAR)
			.param("failureMessage", (failure != null) ? failure.message() : null, Types.VARCHAR)
			.param("observedNodeSize", (observed != null) ? observed.nodeSize() : null, Types.VARCHAR)
			.param("observedStorageGb", (observed != null) ? observed.storageGb() : null, Types.INTEGER)
			.param("observedTrustedSources", textArray((observed != null) ? observed.trustedSources() : null),
					Types.ARRAY)
			.param("observedInterruptionMs", (observed != null) ? observed.interruptionMillis() : null, Types.BIGINT)
			.param("instanceUsable", job.instanceUsable(), Types.BOOLEAN);
	}

	private static ProvisioningJob job(ResultSet rs) throws SQLException {
		DatabaseEngine engine = new DatabaseEngine(EngineType.valueOf(rs.getString("database_type")),
				rs.getString("database_version"));
		String orderId = rs.getString("order_id");
		String instanceId = rs.getString("instance_id");
		OrderType type = OrderType.valueOf(rs.getString("order_type"));
		InstanceChanges changes = null;
		if (type == OrderType.UPDATE) {
			int storage = rs.getInt("change_storage_gb");
			changes = new InstanceChanges(rs.wasNull() ? null : storage, rs.getString("change_node_size"),
					texts(rs, "change_trusted_sources"), (Boolean) rs.getObject("change_deletion_protection"));
		}
		DatabaseOrder order = new DatabaseOrder(new OrderId(orderId),
				(instanceId != null) ? instanceId : InstanceIdRule.ofLegacyOrder(orderId), rs.getString("customer_id"),
				engine, rs.getString("node_size"), rs.getInt("storage_gb"), texts(rs, "trusted_sources"),
				new Region(rs.getString("region")), type, rs.getLong("instance_version"), changes);
		String host = rs.getString("instance_host");
		String failureCode = rs.getString("failure_code");
		InstanceFacts instance = (host != null) ? new InstanceFacts(host, rs.getInt("instance_port"), engine) : null;
		Failure failure = (failureCode != null)
				? new Failure(new FailureCode(failureCode), rs.getString("failure_message")) : null;
		String observedNodeSize = rs.getString("observed_node_size");
		ObservedSettings observed = null;
		if (observedNodeSize != null) {
			long interruption = rs.getLong("observed_interruption_ms");
			observed = new ObservedSettings(observedNodeSize, rs.getInt("observed_storage_gb"),
					texts(rs, "observed_trusted_sources"), rs.wasNull() ? null : interruption);
		}
		return new ProvisioningJob(order, JobState.valueOf(rs.getString("state")),
				ProvisioningStep.valueOf(rs.getString("step")), rs.getInt("attempt"), rs.getLong("sequence"),
				instant(rs, "started_at"), instant(rs, "due_at"), instant(rs, "deadline"), instance, failure, observed,
				(Boolean) rs.getObject("instance_usable"), rs.getBoolean("cancel_requested"));
	}

	private static @Nullable List<String> texts(ResultSet rs, String column) throws SQLException {
		Array array = rs.getArray(column);
		return (array != null) ? Arrays.asList((String[]) array.getArray()) : null;
	}

	private static OffsetDateTime timestamp(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		@Nullable OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		if (value == null) {
			throw new SQLException("column " + column + " is NULL");
		}
		return value.toInstant();
	}

	/** A new job, its encoded event and its trace context, ready for a writer. */
	private record Insert(ProvisioningJob job, Optional<StatusOutbox.Encoded> event, @Nullable String traceParent) {

		DatabaseOrder order() {
			return this.job.order();
		}

	}

}
