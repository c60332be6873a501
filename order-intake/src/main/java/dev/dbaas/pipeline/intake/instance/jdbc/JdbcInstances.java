package dev.dbaas.pipeline.intake.instance.jdbc;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.dbaas.pipeline.intake.instance.DesiredSettings;
import dev.dbaas.pipeline.intake.instance.Instance;
import dev.dbaas.pipeline.intake.instance.InstanceState;
import dev.dbaas.pipeline.intake.instance.Instances;
import dev.dbaas.pipeline.intake.instance.PendingOrder;
import dev.dbaas.pipeline.intake.order.CustomerId;
import dev.dbaas.pipeline.intake.order.InstanceId;
import dev.dbaas.pipeline.intake.order.InstanceRegistry;
import dev.dbaas.pipeline.intake.order.Order;
import dev.dbaas.pipeline.intake.order.OrderId;
import dev.dbaas.pipeline.intake.order.OrderType;
import dev.dbaas.pipeline.intake.order.StorageSize;
import dev.dbaas.pipeline.intake.order.TrustedSource;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Repository;

/**
 * Instances in the {@code instances} table. A change locks its instance's row
 * ({@code SELECT ... FOR UPDATE}), so two changes of one instance are decided one after
 * the other; the creates of a group are registered in one JDBC batch, in the group's
 * transaction.
 */
@Repository
class JdbcInstances implements Instances, InstanceRegistry {

	private static final String COLUMNS = """
			instance_id, customer_id, version, state, node_size, storage_gb, trusted_sources, deletion_protection,
			pending_order_id, pending_order_type, previous_node_size, previous_storage_gb, previous_trusted_sources,
			previous_deletion_protection
			""";

	private final NamedParameterJdbcTemplate jdbc;

	JdbcInstances(NamedParameterJdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void register(List<Order> creates) {
		if (creates.isEmpty()) {
			return;
		}
		SqlParameterSource[] rows = creates.stream()
			.map(Instance::createdBy)
			.map(JdbcInstances::row)
			.toArray(SqlParameterSource[]::new);
		this.jdbc.batchUpdate(
				"""
						INSERT INTO instances (instance_id, customer_id, version, state, node_size, storage_gb, trusted_sources,
						                       deletion_protection, pending_order_id, pending_order_type)
						VALUES (:instanceId, :customerId, :version, :state, :nodeSize, :storageGb, CAST(:trustedSources AS text[]),
						        :deletionProtection, :pendingOrderId, :pendingOrderType)
						""",
				rows);
	}

	@Override
	public Optional<Instance> lock(InstanceId id) {
		return this.jdbc
			.query("SELECT " + COLUMNS + " FROM instances WHERE instance_id = :id FOR UPDATE",
					new MapSqlParameterSource("id", id.value()), (rs, row) -> instance(rs))
			.stream()
			.findFirst();
	}

	@Override
	public List<Instance> lock(Collection<InstanceId> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		String array = ids.stream().map(InstanceId::value).sorted().collect(Collectors.joining(",", "{", "}"));
		return this.jdbc.query("SELECT " + COLUMNS + """
				FROM instances WHERE instance_id = ANY (CAST(:ids AS text[]))
				ORDER BY instance_id
				FOR UPDATE
				""", new MapSqlParameterSource("ids", array), (rs, row) -> instance(rs));
	}

	@Override
	public void save(Instance instance) {
		int updated = this.jdbc.update("""
				UPDATE instances
				SET version = :version, state = :state, node_size = :nodeSize, storage_gb = :storageGb,
				    trusted_sources = CAST(:trustedSources AS text[]), deletion_protection = :deletionProtection,
				    pending_order_id = :pendingOrderId, pending_order_type = :pendingOrderType,
				    previous_node_size = :previousNodeSize, previous_storage_gb = :previousStorageGb,
				    previous_trusted_sources = CAST(:previousTrustedSources AS text[]),
				    previous_deletion_protection = :previousDeletionProtection
				WHERE instance_id = :instanceId AND customer_id = :customerId
				""", row(instance));
		if (updated != 1) {
			throw new IllegalStateException("instance " + instance.id() + " is not stored");
		}
	}

	private static MapSqlParameterSource row(Instance instance) {
		DesiredSettings desired = instance.desired();
		DesiredSettings previous = instance.previous();
		PendingOrder pending = instance.pending();
		return new MapSqlParameterSource().addValue("instanceId", instance.id().value())
			.addValue("customerId", instance.customerId().value())
			.addValue("version", instance.version())
			.addValue("state", instance.state().name())
			.addValue("nodeSize", desired.nodeSize())
			.addValue("storageGb", desired.storage().gb())
			.addValue("trustedSources", textArray(desired.trustedSources()))
			.addValue("deletionProtection", desired.deletionProtection())
			.addValue("pendingOrderId", (pending != null) ? pending.orderId().value() : null)
			.addValue("pendingOrderType", (pending != null) ? pending.type().name() : null)
			.addValue("previousNodeSize", (previous != null) ? previous.nodeSize() : null)
			.addValue("previousStorageGb", (previous != null) ? previous.storage().gb() : null)
			.addValue("previousTrustedSources", (previous != null) ? textArray(previous.trustedSources()) : null)
			.addValue("previousDeletionProtection", (previous != null) ? previous.deletionProtection() : null);
	}

	private static String textArray(List<TrustedSource> sources) {
		return sources.stream().map(TrustedSource::cidr).collect(Collectors.joining(",", "{", "}"));
	}

	private static Instance instance(ResultSet rs) throws SQLException {
		UUID pendingId = rs.getObject("pending_order_id", UUID.class);
		PendingOrder pending = (pendingId != null)
				? new PendingOrder(new OrderId(pendingId), OrderType.valueOf(rs.getString("pending_order_type")))
				: null;
		DesiredSettings desired = new DesiredSettings(rs.getString("node_size"),
				new StorageSize(rs.getInt("storage_gb")), trustedSources(rs.getArray("trusted_sources")),
				rs.getBoolean("deletion_protection"));
		String previousNodeSize = rs.getString("previous_node_size");
		DesiredSettings previous = (previousNodeSize != null) ? new DesiredSettings(previousNodeSize,
				new StorageSize(rs.getInt("previous_storage_gb")),
				trustedSources(rs.getArray("previous_trusted_sources")), rs.getBoolean("previous_deletion_protection"))
				: null;
		return new Instance(new InstanceId(rs.getString("instance_id")), new CustomerId(rs.getString("customer_id")),
				rs.getLong("version"), InstanceState.valueOf(rs.getString("state")), desired, pending, previous);
	}

	private static List<TrustedSource> trustedSources(@Nullable Array array) throws SQLException {
		List<TrustedSource> sources = new ArrayList<>();
		if (array != null) {
			for (Object cidr : (Object[]) array.getArray()) {
				sources.add(TrustedSource.ofCidr((String) cidr));
			}
		}
		return sources;
	}

}
