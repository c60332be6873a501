package dev.dbaas.pipeline.provisioner.provisioning.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

import dev.dbaas.pipeline.contract.instance.InstanceIdRule;
import dev.dbaas.pipeline.provisioner.provisioning.ClaimedJob;
import dev.dbaas.pipeline.provisioner.provisioning.DatabaseEngine;
import dev.dbaas.pipeline.provisioner.provisioning.DatabaseOrder;
import dev.dbaas.pipeline.provisioner.provisioning.EngineType;
import dev.dbaas.pipeline.provisioner.provisioning.Failure;
import dev.dbaas.pipeline.provisioner.provisioning.FailureCode;
import dev.dbaas.pipeline.provisioner.provisioning.InstanceFacts;
import dev.dbaas.pipeline.provisioner.provisioning.JobState;
import dev.dbaas.pipeline.provisioner.provisioning.Lease;
import dev.dbaas.pipeline.provisioner.provisioning.OrderId;
import dev.dbaas.pipeline.provisioner.provisioning.ProvisioningJob;
import dev.dbaas.pipeline.provisioner.provisioning.ProvisioningJobs;
import dev.dbaas.pipeline.provisioner.provisioning.ProvisioningStep;
import dev.dbaas.pipeline.provisioner.provisioning.Region;
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
 */
public class JdbcProvisioningJobs implements ProvisioningJobs {

	private static final String STATE_COLUMNS = """
			state = :state, step = :step, attempt = :attempt, sequence = :sequence, due_at = :dueAt,
			instance_host = :instanceHost, instance_port = :instancePort,
			failure_code = :failureCode, failure_message = :failureMessage""";

	private static final String RELEASED = "lease_owner = NULL, lease_token = NULL, lease_expires_at = NULL";

	private static final String EXTENDED = "lease_expires_at = now() + :leaseMillis * interval '1 millisecond'";

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final StatusOutbox outbox;

	private final Duration leaseDuration;

	private final Clock clock;

	private final Supplier<@Nullable String> traceParent;

	private final RowMapper<ProvisioningJob> jobs = (rs, n) -> job(rs);

	/**
	 * Creates the store.
	 * @param jdbc the provisioner's database
	 * @param transactions transactions on that database
	 * @param outbox where status events are written
	 * @param leaseDuration how long a claim lasts unless renewed
	 * @param clock the time source of due times
	 * @param traceParent the W3C trace context to store with a new job (the trace of the
	 * record that placed the order), or {@code null}
	 */
	public JdbcProvisioningJobs(JdbcClient jdbc, TransactionTemplate transactions, StatusOutbox outbox,
			Duration leaseDuration, Clock clock, Supplier<@Nullable String> traceParent) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.outbox = outbox;
		this.leaseDuration = leaseDuration;
		this.clock = clock;
		this.traceParent = traceParent;
	}

	@Override
	public boolean add(Transition accepted) {
		ProvisioningJob job = accepted.job();
		DatabaseOrder order = job.order();
		Boolean added = this.transactions.execute((status) -> {
			int inserted = withState(
					this.jdbc
						.sql("""
								INSERT INTO provisioning_job (order_id, instance_id, customer_id, database_type, database_version, node_size,
								    storage_gb, trusted_sources, region, state, step, attempt, sequence, started_at, due_at, deadline,
								    instance_host, instance_port, failure_code, failure_message, trace_parent)
								VALUES (:orderId, :instanceId, :customerId, :databaseType, :databaseVersion, :nodeSize, :storageGb,
								    :trustedSources, :region, :state, :step, :attempt, :sequence, :startedAt, :dueAt, :deadline,
								    :instanceHost, :instancePort, :failureCode, :failureMessage, CAST(:traceParent AS text))
								ON CONFLICT (order_id) DO NOTHING
								"""),
					job)
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
				.param("traceParent", this.traceParent.get())
				.update();
			if (inserted == 1) {
				accepted.emitted().ifPresent(this.outbox::append);
			}
			return inserted == 1;
		});
		return Boolean.TRUE.equals(added);
	}

	@Override
	public List<ClaimedJob> claimDue(String owner, int limit) {
		if (limit <= 0) {
			return List.of();
		}
		return this.jdbc.sql("""
				UPDATE provisioning_job j
				   SET lease_owner = :owner, lease_token = gen_random_uuid()::text, %s
				  FROM (SELECT order_id FROM provisioning_job
				         WHERE state = 'PROCESSING' AND due_at <= :now
				           AND (lease_expires_at IS NULL OR lease_expires_at < now())
				         ORDER BY due_at
				         LIMIT :limit
				         FOR UPDATE SKIP LOCKED) due
				 WHERE j.order_id = due.order_id
				RETURNING j.*
				""".formatted(EXTENDED))
			.param("owner", owner)
			.param("now", timestamp(this.clock.instant()))
			.param("limit", limit)
			.param("leaseMillis", this.leaseDuration.toMillis())
			.query((rs, n) -> new ClaimedJob(job(rs),
					new Lease(new OrderId(rs.getString("order_id")), owner, rs.getString("lease_token"))))
			.list();
	}

	@Override
	public boolean recordAndHold(Lease lease, Transition transition) {
		return record(lease, transition, EXTENDED);
	}

	@Override
	public boolean recordAndRelease(Lease lease, Transition transition) {
		return record(lease, transition, RELEASED);
	}

	private boolean record(Lease lease, Transition transition, String leaseChange) {
		Boolean recorded = this.transactions.execute((status) -> {
			int updated = withState(this.jdbc.sql("""
					UPDATE provisioning_job SET %s, %s
					 WHERE order_id = :orderId AND lease_token = :token AND state = 'PROCESSING'
					""".formatted(STATE_COLUMNS, leaseChange)), transition.job()).param("token", lease.token())
				.param("leaseMillis", this.leaseDuration.toMillis())
				.update();
			if (updated == 1) {
				transition.emitted().ifPresent(this.outbox::append);
			}
			return updated == 1;
		});
		return Boolean.TRUE.equals(recorded);
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
		return this.jdbc.sql("UPDATE provisioning_job SET " + EXTENDED + " WHERE lease_token = ANY(:tokens)")
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

	private static StatementSpec withState(StatementSpec statement, ProvisioningJob job) {
		InstanceFacts instance = job.instance();
		Failure failure = job.failure();
		return statement.param("orderId", job.orderId().value())
			.param("state", job.state().name())
			.param("step", job.step().name())
			.param("attempt", job.attempt())
			.param("sequence", job.sequence())
			.param("dueAt", timestamp(job.dueAt()))
			.param("instanceHost", (instance != null) ? instance.host() : null, java.sql.Types.VARCHAR)
			.param("instancePort", (instance != null) ? instance.port() : null, java.sql.Types.INTEGER)
			.param("failureCode", (failure != null) ? failure.code().value() : null, java.sql.Types.VARCHAR)
			.param("failureMessage", (failure != null) ? failure.message() : null, java.sql.Types.VARCHAR);
	}

	private static ProvisioningJob job(ResultSet rs) throws SQLException {
		DatabaseEngine engine = new DatabaseEngine(EngineType.valueOf(rs.getString("database_type")),
				rs.getString("database_version"));
		String[] sources = (String[]) rs.getArray("trusted_sources").getArray();
		String orderId = rs.getString("order_id");
		String instanceId = rs.getString("instance_id");
		DatabaseOrder order = new DatabaseOrder(new OrderId(orderId),
				(instanceId != null) ? instanceId : InstanceIdRule.ofLegacyOrder(orderId), rs.getString("customer_id"),
				engine, rs.getString("node_size"), rs.getInt("storage_gb"), Arrays.asList(sources),
				new Region(rs.getString("region")));
		String host = rs.getString("instance_host");
		String failureCode = rs.getString("failure_code");
		InstanceFacts instance = (host != null) ? new InstanceFacts(host, rs.getInt("instance_port"), engine) : null;
		Failure failure = (failureCode != null)
				? new Failure(new FailureCode(failureCode), rs.getString("failure_message")) : null;
		return new ProvisioningJob(order, JobState.valueOf(rs.getString("state")),
				ProvisioningStep.valueOf(rs.getString("step")), rs.getInt("attempt"), rs.getLong("sequence"),
				instant(rs, "started_at"), instant(rs, "due_at"), instant(rs, "deadline"), instance, failure);
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

}
