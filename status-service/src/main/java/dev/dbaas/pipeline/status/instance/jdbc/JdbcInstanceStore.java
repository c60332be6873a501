package dev.dbaas.pipeline.status.instance.jdbc;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.dbaas.pipeline.status.instance.CredentialReveal;
import dev.dbaas.pipeline.status.instance.InstanceCursor;
import dev.dbaas.pipeline.status.instance.InstancePage;
import dev.dbaas.pipeline.status.instance.InstanceState;
import dev.dbaas.pipeline.status.instance.InstanceStore;
import dev.dbaas.pipeline.status.instance.InstanceView;
import dev.dbaas.pipeline.status.order.InstanceId;
import dev.dbaas.pipeline.status.order.OrderHistory;
import dev.dbaas.pipeline.status.order.OrderId;
import dev.dbaas.pipeline.status.order.OrderType;
import dev.dbaas.pipeline.status.order.OrderView;
import dev.dbaas.pipeline.status.query.OrderViews;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads instances from {@code order_view} (through its {@code instance_id} index, then
 * the orders themselves through {@link OrderViews}, which owns their mapping) and keeps
 * the reveals in {@code instance_credential_reveal}.
 */
@Repository
class JdbcInstanceStore implements InstanceStore {

	/**
	 * Instances by state, with the rules of {@link InstanceView#state()} in the same
	 * order, grouped only over the orders that can make an instance anything but RUNNING
	 * (pending, FAILED, CANCELLED, a DONE delete): a few per cent of the view. The order
	 * type is the placement's, before it arrives the status events', and CREATE for older
	 * events, as {@code OrderView#type()} has it. The last row counts all instances, by
	 * their create orders; RUNNING is what the others leave of it.
	 */
	private static final String COUNT_BY_STATE = """
			SELECT state, count(*) AS instances FROM (
			  SELECT CASE
			    WHEN bool_or(type = 'DELETE' AND status = 'DONE') THEN 'DELETED'
			    WHEN bool_or(type = 'DELETE' AND status_rank < 2) THEN 'DELETING'
			    WHEN bool_or(type = 'CREATE' AND status = 'FAILED')
			      OR bool_or(type <> 'CREATE' AND status = 'FAILED' AND instance_usable = false) THEN 'FAILED'
			    WHEN bool_or(type = 'CREATE' AND status = 'CANCELLED') THEN 'DELETING'
			    WHEN bool_or(type = 'CREATE' AND status_rank < 2) THEN 'CREATING'
			    WHEN bool_or(type = 'UPDATE' AND status_rank < 2) THEN 'UPDATING'
			    ELSE 'RUNNING' END AS state
			  FROM (SELECT instance_id, coalesce(order_type, status_order_type, 'CREATE') AS type, status,
			          status_rank, instance_usable
			        FROM order_view WHERE instance_id IS NOT NULL
			          AND (status_rank < 2 OR status IN ('FAILED', 'CANCELLED')
			               OR (status = 'DONE' AND coalesce(order_type, status_order_type) = 'DELETE'))) o
			  GROUP BY instance_id) s
			GROUP BY state
			UNION ALL
			SELECT 'ALL', count(*) FROM order_view
			WHERE instance_id IS NOT NULL AND coalesce(order_type, status_order_type, 'CREATE') = 'CREATE'
			""";

	private final JdbcClient jdbc;

	private final OrderViews orders;

	JdbcInstanceStore(JdbcClient jdbc, OrderViews orders) {
		this.jdbc = jdbc;
		this.orders = orders;
	}

	@Override
	public List<OrderView> ordersOf(InstanceId instanceId) {
		List<OrderId> ids = this.jdbc.sql("SELECT order_id FROM order_view WHERE instance_id = ?")
			.param(instanceId.value())
			.query((rs, row) -> OrderId.of(rs.getString(1)))
			.list();
		return new ArrayList<>(this.orders.findAll(ids).values());
	}

	@Override
	public InstancePage page(@Nullable String customerId, int limit, @Nullable InstanceCursor after) {
		StringBuilder sql = new StringBuilder(
				"SELECT instance_id, min(ordered_at) AS created_at FROM order_view WHERE instance_id IS NOT NULL");
		Map<String, Object> params = new LinkedHashMap<>();
		if (customerId != null) {
			sql.append(" AND customer_id = :customerId");
			params.put("customerId", customerId);
		}
		sql.append(" GROUP BY instance_id");
		if (after != null) {
			sql.append(" HAVING (min(ordered_at), instance_id COLLATE \"C\") < (:afterAt, :afterId COLLATE \"C\")");
			params.put("afterAt", time(after.createdAt()));
			params.put("afterId", after.instanceId().value());
		}
		sql.append(" ORDER BY created_at DESC, instance_id COLLATE \"C\" DESC LIMIT :limit");
		params.put("limit", limit + 1);
		List<InstanceId> ids = this.jdbc.sql(sql.toString())
			.params(params)
			.query((rs, row) -> new InstanceId(rs.getString("instance_id")))
			.list();
		List<InstanceId> shown = (ids.size() > limit) ? ids.subList(0, limit) : ids;
		Map<InstanceId, List<OrderView>> byInstance = new LinkedHashMap<>();
		shown.forEach((id) -> byInstance.put(id, new ArrayList<>()));
		if (!shown.isEmpty()) {
			List<OrderId> orderIds = this.jdbc.sql("SELECT order_id FROM order_view WHERE instance_id = ANY(?)")
				.param(shown.stream().map(InstanceId::value).toArray(String[]::new))
				.query((rs, row) -> OrderId.of(rs.getString(1)))
				.list();
			this.orders.findAll(orderIds).values().forEach((order) -> {
				List<OrderView> of = byInstance.get(order.instanceId());
				if (of != null) {
					of.add(order);
				}
			});
		}
		List<InstanceView> items = byInstance.entrySet()
			.stream()
			.filter((entry) -> !entry.getValue().isEmpty())
			.map((entry) -> InstanceView.of(entry.getKey(), entry.getValue()))
			.toList();
		InstanceCursor next = null;
		if (ids.size() > limit && !items.isEmpty()) {
			InstanceView last = items.get(items.size() - 1);
			next = new InstanceCursor(last.createdAt(), last.instanceId());
		}
		return new InstancePage(items, next);
	}

	@Override
	public Map<OrderId, OrderHistory> historiesOf(List<OrderView> orders) {
		Map<OrderId, OrderHistory> histories = new LinkedHashMap<>();
		for (OrderView order : orders) {
			this.orders.history(order.orderId()).ifPresent((history) -> histories.put(order.orderId(), history));
		}
		return histories;
	}

	/**
	 * Two scans of the view (see {@link #COUNT_BY_STATE}); exact once every instance's
	 * create order is in the view (an instance whose create has not been projected yet
	 * counts only if it is in another state than RUNNING).
	 */
	@Override
	public Map<InstanceState, Long> countByState() {
		Map<InstanceState, Long> counts = new EnumMap<>(InstanceState.class);
		long[] all = { 0 };
		this.jdbc.sql(COUNT_BY_STATE).query((RowCallbackHandler) (rs) -> {
			String state = rs.getString("state");
			long instances = rs.getLong("instances");
			if (state.equals("ALL")) {
				all[0] = instances;
			}
			else if (!state.equals(InstanceState.RUNNING.name())) {
				counts.put(InstanceState.valueOf(state), instances);
			}
		});
		long others = counts.values().stream().mapToLong(Long::longValue).sum();
		counts.put(InstanceState.RUNNING, Math.max(0, all[0] - others));
		return counts;
	}

	@Override
	public Map<OrderType, Instant> oldestPendingChanges() {
		Map<OrderType, Instant> oldest = new EnumMap<>(OrderType.class);
		this.jdbc.sql("""
				SELECT coalesce(order_type, status_order_type) AS type, min(ordered_at) AS oldest FROM order_view
				WHERE status_rank < 2 AND coalesce(order_type, status_order_type) IN ('UPDATE', 'DELETE')
				GROUP BY 1
				""")
			.query((RowCallbackHandler) (rs) -> oldest.put(OrderType.valueOf(rs.getString("type")),
					rs.getObject("oldest", OffsetDateTime.class).toInstant()));
		return oldest;
	}

	@Override
	public void recordReveal(CredentialReveal reveal) {
		this.jdbc.sql("""
				INSERT INTO instance_credential_reveal (instance_id, revealed_at, client_id, customer_id)
				VALUES (?, ?, ?, ?)
				""")
			.params(reveal.instanceId().value(), time(reveal.at()), reveal.clientId(), reveal.customerId())
			.update();
	}

	@Override
	public List<CredentialReveal> revealsOf(InstanceId instanceId) {
		return this.jdbc.sql("""
				SELECT revealed_at, client_id, customer_id FROM instance_credential_reveal
				WHERE instance_id = ? ORDER BY revealed_at, id
				""")
			.param(instanceId.value())
			.query((rs, row) -> new CredentialReveal(instanceId,
					rs.getObject("revealed_at", OffsetDateTime.class).toInstant(), rs.getString("client_id"),
					rs.getString("customer_id")))
			.list();
	}

	private static OffsetDateTime time(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
