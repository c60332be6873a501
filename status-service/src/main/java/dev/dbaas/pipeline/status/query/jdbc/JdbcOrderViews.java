package dev.dbaas.pipeline.status.query.jdbc;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import dev.dbaas.pipeline.status.order.EventId;
import dev.dbaas.pipeline.status.order.Failure;
import dev.dbaas.pipeline.status.order.Instance;
import dev.dbaas.pipeline.status.order.InstanceChanges;
import dev.dbaas.pipeline.status.order.InstanceClaim;
import dev.dbaas.pipeline.status.order.InstanceId;
import dev.dbaas.pipeline.status.order.InstanceReport;
import dev.dbaas.pipeline.status.order.ObservedSettings;
import dev.dbaas.pipeline.status.order.OrderDetails;
import dev.dbaas.pipeline.status.order.OrderHistory;
import dev.dbaas.pipeline.status.order.OrderId;
import dev.dbaas.pipeline.status.order.OrderStatus;
import dev.dbaas.pipeline.status.order.OrderTerms;
import dev.dbaas.pipeline.status.order.OrderType;
import dev.dbaas.pipeline.status.order.OrderView;
import dev.dbaas.pipeline.status.order.Placement;
import dev.dbaas.pipeline.status.order.SealedCredentials;
import dev.dbaas.pipeline.status.order.StatusReport;
import dev.dbaas.pipeline.status.order.Transition;
import dev.dbaas.pipeline.status.query.Cursor;
import dev.dbaas.pipeline.status.query.OrderFilter;
import dev.dbaas.pipeline.status.query.OrderPage;
import dev.dbaas.pipeline.status.query.OrderViews;
import dev.dbaas.pipeline.status.query.ViewSummary;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads {@code order_view} and {@code order_history} with {@link JdbcClient}.
 */
@Repository
class JdbcOrderViews implements OrderViews {

	private static final String COLUMNS = """
			order_id, customer_id, status, status_sequence, status_event_id, status_at, step, failure_code,
			failure_message, placed_event_id, placed_at, database_type, database_version, node_size, storage_gb,
			region, trusted_sources, instance_host, instance_port, instance_sequence, instance_event_id,
			last_sequence, ordered_at, updated_at, ssl_mode, ca_certificate, credentials_key_id, credentials_sealed,
			instance_id, instance_id_named, order_type, instance_version, requested_by, deletion_protection,
			change_storage_gb, change_node_size, change_trusted_sources, change_deletion_protection,
			status_order_type, instance_usable, observed_node_size, observed_storage_gb, observed_trusted_sources,
			observed_interruption_ms
			""";

	private static final RowMapper<OrderView> VIEW = JdbcOrderViews::view;

	private final JdbcClient jdbc;

	JdbcOrderViews(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Optional<OrderView> find(OrderId orderId) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM order_view WHERE order_id = ?")
			.param(orderId.value())
			.query(VIEW)
			.optional();
	}

	@Override
	public Map<OrderId, OrderView> findAll(Collection<OrderId> orderIds) {
		if (orderIds.isEmpty()) {
			return Map.of();
		}
		String[] ids = orderIds.stream().map(OrderId::value).toArray(String[]::new);
		Map<OrderId, OrderView> views = new LinkedHashMap<>();
		this.jdbc.sql("SELECT " + COLUMNS + " FROM order_view WHERE order_id = ANY(?)")
			.param(ids)
			.query(VIEW)
			.list()
			.forEach((view) -> views.put(view.orderId(), view));
		return views;
	}

	@Override
	public OrderPage list(OrderFilter filter, int limit, @Nullable Cursor after) {
		StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM order_view WHERE true");
		Map<String, Object> params = new LinkedHashMap<>();
		if (filter.customerId() != null) {
			sql.append(" AND customer_id = :customerId");
			params.put("customerId", filter.customerId());
		}
		if (filter.status() != null) {
			sql.append(" AND status = :status");
			params.put("status", filter.status().name());
		}
		if (filter.region() != null) {
			sql.append(" AND region = :region");
			params.put("region", filter.region());
		}
		if (filter.placedAfter() != null) {
			sql.append(" AND ordered_at > :placedAfter");
			params.put("placedAfter", time(filter.placedAfter()));
		}
		if (after != null) {
			sql.append(" AND (ordered_at, order_id) < (:afterAt, :afterId)");
			params.put("afterAt", time(after.orderedAt()));
			params.put("afterId", after.orderId().value());
		}
		sql.append(" ORDER BY ordered_at DESC, order_id DESC LIMIT :limit");
		params.put("limit", limit + 1);
		List<OrderView> rows = this.jdbc.sql(sql.toString()).params(params).query(VIEW).list();
		if (rows.size() <= limit) {
			return new OrderPage(rows, null);
		}
		List<OrderView> page = rows.subList(0, limit);
		OrderView last = page.get(limit - 1);
		return new OrderPage(page, new Cursor(last.orderedAt(), last.orderId()));
	}

	@Override
	public Optional<OrderHistory> history(OrderId orderId) {
		List<Transition> transitions = this.jdbc.sql("""
				SELECT status, step, sequence, event_id, at, failure_code, failure_message
				FROM order_history WHERE order_id = ? ORDER BY sequence, at, event_id
				""").param(orderId.value()).query((rs, row) -> {
			String step = rs.getString("step");
			return new Transition(OrderStatus.valueOf(rs.getString("status")), step.isEmpty() ? null : step,
					rs.getLong("sequence"), eventId(rs, "event_id"), instant(rs, "at"), failure(rs));
		}).list();
		return transitions.isEmpty() ? Optional.empty() : Optional.of(new OrderHistory(orderId, transitions));
	}

	@Override
	public ViewSummary summarize() {
		Map<OrderStatus, Long> byStatus = new EnumMap<>(OrderStatus.class);
		Arrays.stream(OrderStatus.values()).forEach((status) -> byStatus.put(status, 0L));
		Map<String, Map<OrderStatus, Long>> byRegion = new TreeMap<>();
		this.jdbc.sql("SELECT status, region, count(*) AS orders FROM order_view GROUP BY status, region")
			.query((rs) -> {
				OrderStatus status = OrderStatus.valueOf(rs.getString("status"));
				long orders = rs.getLong("orders");
				byStatus.merge(status, orders, Long::sum);
				String region = rs.getString("region");
				if (region != null) {
					byRegion.computeIfAbsent(region, (r) -> new EnumMap<>(OrderStatus.class))
						.merge(status, orders, Long::sum);
				}
			});
		Map<String, Long> failedByCode = new TreeMap<>();
		this.jdbc.sql("""
				SELECT coalesce(failure_code, 'UNSPECIFIED') AS code, count(*) AS orders
				FROM order_view WHERE status = 'FAILED' GROUP BY 1
				""").query((RowCallbackHandler) (rs) -> failedByCode.put(rs.getString("code"), rs.getLong("orders")));
		Optional<ViewSummary.OldestProcessing> oldest = this.jdbc.sql("""
				SELECT order_id, ordered_at FROM order_view WHERE status = 'PROCESSING'
				ORDER BY ordered_at, order_id LIMIT 1
				""")
			.query((rs, row) -> new ViewSummary.OldestProcessing(OrderId.of(rs.getString("order_id")),
					instant(rs, "ordered_at")))
			.optional();
		return new ViewSummary(byStatus, byRegion, failedByCode, oldest.orElse(null));
	}

	private static OrderView view(ResultSet rs, int row) throws SQLException {
		String customerId = rs.getString("customer_id");
		Transition current = new Transition(OrderStatus.valueOf(rs.getString("status")), rs.getString("step"),
				rs.getLong("status_sequence"), eventId(rs, "status_event_id"), instant(rs, "status_at"), failure(rs));
		Placement placement = null;
		if (rs.getObject("placed_event_id") != null) {
			List<String> trustedSources = strings(rs, "trusted_sources");
			placement = new Placement(eventId(rs, "placed_event_id"), instant(rs, "placed_at"), customerId,
					new OrderDetails(rs.getString("database_type"), rs.getString("database_version"),
							rs.getString("node_size"), rs.getInt("storage_gb"), rs.getString("region"),
							(trustedSources != null) ? trustedSources : List.of()),
					terms(rs));
		}
		InstanceReport instance = null;
		if (rs.getObject("instance_event_id") != null) {
			String keyId = rs.getString("credentials_key_id");
			instance = new InstanceReport(
					new Instance(rs.getString("instance_host"), rs.getInt("instance_port"), rs.getString("ssl_mode"),
							rs.getString("ca_certificate")),
					(keyId != null) ? new SealedCredentials(keyId, rs.getString("credentials_sealed")) : null,
					rs.getLong("instance_sequence"), eventId(rs, "instance_event_id"));
		}
		String instanceId = rs.getString("instance_id");
		InstanceClaim claim = (instanceId != null)
				? new InstanceClaim(new InstanceId(instanceId), rs.getBoolean("instance_id_named")) : null;
		return new OrderView(OrderId.of(rs.getString("order_id")), customerId, current, placement, instance,
				rs.getLong("last_sequence"), instant(rs, "ordered_at"), instant(rs, "updated_at"), claim,
				statusReport(rs));
	}

	/** A placement projected before change orders existed is a create of version 1. */
	private static OrderTerms terms(ResultSet rs) throws SQLException {
		String type = rs.getString("order_type");
		if (type == null) {
			return OrderTerms.LEGACY_CREATE;
		}
		Integer storage = rs.getObject("change_storage_gb", Integer.class);
		String nodeSize = rs.getString("change_node_size");
		List<String> sources = strings(rs, "change_trusted_sources");
		Boolean protection = rs.getObject("change_deletion_protection", Boolean.class);
		InstanceChanges changes = (storage != null || nodeSize != null || sources != null || protection != null)
				? new InstanceChanges(storage, nodeSize, sources, protection) : null;
		return new OrderTerms(OrderType.valueOf(type), rs.getLong("instance_version"), rs.getString("requested_by"),
				rs.getBoolean("deletion_protection"), changes);
	}

	private static StatusReport statusReport(ResultSet rs) throws SQLException {
		String type = rs.getString("status_order_type");
		Boolean usable = rs.getObject("instance_usable", Boolean.class);
		String nodeSize = rs.getString("observed_node_size");
		ObservedSettings observed = null;
		if (nodeSize != null) {
			List<String> sources = strings(rs, "observed_trusted_sources");
			observed = new ObservedSettings(nodeSize, rs.getInt("observed_storage_gb"),
					(sources != null) ? sources : List.of(), rs.getObject("observed_interruption_ms", Long.class));
		}
		if (type == null && usable == null && observed == null) {
			return StatusReport.NONE;
		}
		return new StatusReport((type != null) ? OrderType.valueOf(type) : null, usable, observed);
	}

	private static @Nullable List<String> strings(ResultSet rs, String column) throws SQLException {
		Array array = rs.getArray(column);
		return (array != null) ? List.of((String[]) array.getArray()) : null;
	}

	private static @Nullable Failure failure(ResultSet rs) throws SQLException {
		String code = rs.getString("failure_code");
		return (code != null) ? new Failure(code, rs.getString("failure_message")) : null;
	}

	private static EventId eventId(ResultSet rs, String column) throws SQLException {
		return new EventId(rs.getObject(column, UUID.class));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, OffsetDateTime.class).toInstant();
	}

	private static OffsetDateTime time(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
