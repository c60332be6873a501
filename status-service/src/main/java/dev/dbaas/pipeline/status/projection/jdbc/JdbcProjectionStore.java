package dev.dbaas.pipeline.status.projection.jdbc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.dbaas.pipeline.status.order.EventId;
import dev.dbaas.pipeline.status.order.Failure;
import dev.dbaas.pipeline.status.order.InstanceChanges;
import dev.dbaas.pipeline.status.order.InstanceReport;
import dev.dbaas.pipeline.status.order.ObservedSettings;
import dev.dbaas.pipeline.status.order.OrderDetails;
import dev.dbaas.pipeline.status.order.OrderEvent;
import dev.dbaas.pipeline.status.order.OrderId;
import dev.dbaas.pipeline.status.order.OrderTerms;
import dev.dbaas.pipeline.status.order.OrderView;
import dev.dbaas.pipeline.status.order.Placement;
import dev.dbaas.pipeline.status.order.Transition;
import dev.dbaas.pipeline.status.projection.AppliedEvent;
import dev.dbaas.pipeline.status.projection.ProjectionStore;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Repository;

/**
 * Keeps the view in PostgreSQL with one statement per table and batch, over
 * {@code unnest(arrays)}. Events go into {@code order_event} once each ({@code ON
 * CONFLICT DO NOTHING} on order and event id, which is also how applied events are
 * remembered); the {@code order_history} view picks the chronologically first event per
 * transition, as {@code OrderHistory#mergedWith} does. Views are merged by
 * {@code INSERT ... ON CONFLICT DO UPDATE}, whose update repeats the domain's join
 * ({@link OrderView#mergedWith}) column by column. Because the merge happens in the row
 * lock of the upsert, concurrent batches of the two topics need no read-modify-write and
 * no extra locking. Rows are inserted in key order (bytewise, which is cheap to sort) so
 * that concurrent batches lock rows in the same order.
 */
@Repository
class JdbcProjectionStore implements ProjectionStore {

	/**
	 * Times travel as microseconds since the epoch: exact, and much cheaper for the
	 * server than parsing text. The product is exact in float8 below 2^53 microseconds
	 * (year 2255).
	 */
	private static final String MICROS_TO_TIME = "timestamptz 'epoch' + interval '1 microsecond' *";

	/**
	 * Records each event's transition once: the primary key (order id, event id) both
	 * remembers that the event was applied and keeps its history row. Rows are inserted
	 * in key order, so that concurrent batches that carry the same event wait for each
	 * other instead of deadlocking.
	 */
	private static final String RECORD = """
			INSERT INTO order_event (order_id, event_id, status, step, sequence, at, failure_code, failure_message)
			SELECT u.order_id, u.event_id, u.status, u.step, u.sequence, %1$s(u.at), u.failure_code, u.failure_message
			FROM unnest(?::text[], ?::uuid[], ?::text[], ?::text[], ?::int8[], ?::int8[], ?::text[], ?::text[])
			  AS u(order_id, event_id, status, step, sequence, at, failure_code, failure_message)
			ORDER BY u.order_id COLLATE "C", u.event_id
			ON CONFLICT DO NOTHING
			RETURNING order_id, event_id
			""".formatted(MICROS_TO_TIME);

	private static final String STATUS_WINS = "(excluded.status_rank, excluded.status_sequence, excluded.status_event_id)"
			+ " > (t.status_rank, t.status_sequence, t.status_event_id)";

	private static final String PLACEMENT_WINS = "(excluded.placed_event_id IS NOT NULL AND (t.placed_event_id IS NULL"
			+ " OR (excluded.placed_at, excluded.placed_event_id) < (t.placed_at, t.placed_event_id)))";

	private static final String INSTANCE_WINS = "(excluded.instance_event_id IS NOT NULL AND (t.instance_event_id IS NULL"
			+ " OR (excluded.instance_sequence, excluded.instance_event_id) > (t.instance_sequence, t.instance_event_id)))";

	/**
	 * As {@code InstanceClaim#PRECEDENCE}: a named id beats a derived one, then the
	 * smaller id (compared bytewise, as Java compares these ASCII ids).
	 */
	private static final String INSTANCE_ID_WINS = "(excluded.instance_id IS NOT NULL AND (t.instance_id IS NULL"
			+ " OR (excluded.instance_id_named AND NOT t.instance_id_named)"
			+ " OR (excluded.instance_id_named = t.instance_id_named"
			+ " AND excluded.instance_id COLLATE \"C\" < t.instance_id COLLATE \"C\")))";

	private static final List<String> STATUS_COLUMNS = List.of("status", "status_rank", "status_sequence",
			"status_event_id", "status_at", "step", "failure_code", "failure_message", "status_order_type",
			"instance_usable", "observed_node_size", "observed_storage_gb", "observed_trusted_sources",
			"observed_interruption_ms");

	private static final List<String> PLACEMENT_COLUMNS = List.of("placed_event_id", "placed_at", "database_type",
			"database_version", "node_size", "storage_gb", "region", "trusted_sources", "order_type",
			"instance_version", "requested_by", "deletion_protection", "change_storage_gb", "change_node_size",
			"change_trusted_sources", "change_deletion_protection");

	private static final List<String> INSTANCE_COLUMNS = List.of("instance_host", "instance_port", "instance_sequence",
			"instance_event_id", "ssl_mode", "ca_certificate", "credentials_key_id", "credentials_sealed");

	private static final List<String> INSTANCE_ID_COLUMNS = List.of("instance_id", "instance_id_named");

	/**
	 * Lists of trusted sources travel space-separated (a source has no whitespace): one
	 * text per row instead of a nested array. {@code NULL} stays {@code NULL} (no list),
	 * {@code ''} is the empty list.
	 */
	private static final String MERGE_VIEW = """
			INSERT INTO order_view AS t (order_id, customer_id, status, status_rank, status_sequence,
			    status_event_id, status_at, step, failure_code, failure_message, placed_event_id, placed_at,
			    database_type, database_version, node_size, storage_gb, region, trusted_sources, instance_host,
			    instance_port, instance_sequence, instance_event_id, last_sequence, ordered_at, updated_at,
			    ssl_mode, ca_certificate, credentials_key_id, credentials_sealed, instance_id, instance_id_named,
			    order_type, instance_version, requested_by, deletion_protection, change_storage_gb,
			    change_node_size, change_trusted_sources, change_deletion_protection, status_order_type,
			    instance_usable, observed_node_size, observed_storage_gb, observed_trusted_sources,
			    observed_interruption_ms)
			SELECT u.order_id, u.customer_id, u.status, u.status_rank, u.status_sequence, u.status_event_id,
			    %1$s(u.status_at), u.step, u.failure_code, u.failure_message, u.placed_event_id, %1$s(u.placed_at),
			    u.database_type, u.database_version, u.node_size, u.storage_gb, u.region,
			    CASE WHEN u.placed_event_id IS NULL THEN NULL ELSE string_to_array(u.trusted_sources, ' ') END,
			    u.instance_host, u.instance_port, u.instance_sequence, u.instance_event_id, u.last_sequence,
			    %1$s(u.ordered_at), %1$s(u.updated_at), u.ssl_mode, u.ca_certificate, u.credentials_key_id,
			    u.credentials_sealed, u.instance_id, u.instance_id_named, u.order_type, u.instance_version,
			    u.requested_by, u.deletion_protection, u.change_storage_gb, u.change_node_size,
			    string_to_array(u.change_trusted_sources, ' '), u.change_deletion_protection, u.status_order_type,
			    u.instance_usable, u.observed_node_size, u.observed_storage_gb,
			    string_to_array(u.observed_trusted_sources, ' '), u.observed_interruption_ms
			FROM unnest(?::text[], ?::text[], ?::text[], ?::int4[], ?::int8[], ?::uuid[], ?::int8[],
			    ?::text[], ?::text[], ?::text[], ?::uuid[], ?::int8[], ?::text[], ?::text[], ?::text[],
			    ?::int4[], ?::text[], ?::text[], ?::text[], ?::int4[], ?::int8[], ?::uuid[], ?::int8[],
			    ?::int8[], ?::int8[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bool[],
			    ?::text[], ?::int8[], ?::text[], ?::bool[], ?::int4[], ?::text[], ?::text[], ?::bool[],
			    ?::text[], ?::bool[], ?::text[], ?::int4[], ?::text[], ?::int8[])
			  AS u(order_id, customer_id, status, status_rank, status_sequence, status_event_id, status_at, step,
			    failure_code, failure_message, placed_event_id, placed_at, database_type, database_version,
			    node_size, storage_gb, region, trusted_sources, instance_host, instance_port, instance_sequence,
			    instance_event_id, last_sequence, ordered_at, updated_at, ssl_mode, ca_certificate,
			    credentials_key_id, credentials_sealed, instance_id, instance_id_named, order_type,
			    instance_version, requested_by, deletion_protection, change_storage_gb, change_node_size,
			    change_trusted_sources, change_deletion_protection, status_order_type, instance_usable,
			    observed_node_size, observed_storage_gb, observed_trusted_sources, observed_interruption_ms)
			ORDER BY u.order_id COLLATE "C"
			ON CONFLICT (order_id) DO UPDATE SET
			""".formatted(MICROS_TO_TIME) + Stream
		.of(Stream.of("customer_id = CASE WHEN " + PLACEMENT_WINS + " THEN excluded.customer_id"
				+ " WHEN t.placed_event_id IS NOT NULL THEN t.customer_id WHEN " + STATUS_WINS
				+ " THEN excluded.customer_id ELSE t.customer_id END"), pick(STATUS_WINS, STATUS_COLUMNS),
				pick(PLACEMENT_WINS, PLACEMENT_COLUMNS), pick(INSTANCE_WINS, INSTANCE_COLUMNS),
				pick(INSTANCE_ID_WINS, INSTANCE_ID_COLUMNS),
				Stream.of("last_sequence = GREATEST(t.last_sequence, excluded.last_sequence)",
						"ordered_at = LEAST(t.ordered_at, excluded.ordered_at)",
						"updated_at = GREATEST(t.updated_at, excluded.updated_at)"))
		.flatMap((s) -> s)
		.collect(Collectors.joining(",\n    ", "    ", ""));

	private final JdbcTemplate jdbc;

	JdbcProjectionStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Set<AppliedEvent> record(Collection<? extends OrderEvent> events) {
		if (events.isEmpty()) {
			return Set.of();
		}
		List<HistoryRow> rows = new ArrayList<>(events.size());
		for (OrderEvent event : events) {
			rows.add(new HistoryRow(event.orderId().value(), transitionOf(event)));
		}
		return new HashSet<>(this.jdbc.query(
				(connection) -> new ColumnArrays<>(rows).text(HistoryRow::orderId)
					.text((row) -> row.transition().eventId())
					.text((row) -> row.transition().status())
					.text((row) -> (row.transition().step() != null) ? row.transition().step() : "")
					.int8((row) -> row.transition().sequence())
					.int8((row) -> micros(row.transition().at()))
					.text((row) -> code(row.transition().failure()))
					.text((row) -> message(row.transition().failure()))
					.bind(connection, RECORD),
				(rs, row) -> new AppliedEvent(OrderId.of(rs.getString(1)), new EventId(rs.getObject(2, UUID.class)))));
	}

	@Override
	public void merge(Collection<OrderView> views) {
		if (views.isEmpty()) {
			return;
		}
		this.jdbc.update((connection) -> new ColumnArrays<>(views).text(OrderView::orderId)
			.text(OrderView::customerId)
			.text(OrderView::status)
			.int4((view) -> view.status().rank())
			.int8((view) -> view.current().sequence())
			.text((view) -> view.current().eventId())
			.int8((view) -> micros(view.current().at()))
			.text(OrderView::step)
			.text((view) -> code(view.failure()))
			.text((view) -> message(view.failure()))
			.text((view) -> placement(view, Placement::eventId))
			.int8((view) -> placement(view, (placement) -> micros(placement.placedAt())))
			.text((view) -> details(view, OrderDetails::databaseType))
			.text((view) -> details(view, OrderDetails::databaseVersion))
			.text((view) -> details(view, OrderDetails::nodeSize))
			.int4((view) -> details(view, OrderDetails::storageGb))
			.text((view) -> details(view, OrderDetails::region))
			.text((view) -> details(view, (details) -> String.join(" ", details.trustedSources())))
			.text((view) -> instance(view, (report) -> report.instance().host()))
			.int4((view) -> instance(view, (report) -> report.instance().port()))
			.int8((view) -> instance(view, InstanceReport::sequence))
			.text((view) -> instance(view, InstanceReport::eventId))
			.int8(OrderView::lastSequence)
			.int8((view) -> micros(view.orderedAt()))
			.int8((view) -> micros(view.updatedAt()))
			.text((view) -> instance(view, (report) -> report.instance().sslMode()))
			.text((view) -> instance(view, (report) -> report.instance().caCertificate()))
			.text((view) -> instance(view,
					(report) -> (report.credentials() != null) ? report.credentials().keyId() : null))
			.text((view) -> instance(view,
					(report) -> (report.credentials() != null) ? report.credentials().sealed() : null))
			.text(OrderView::instanceId)
			.bool((view) -> (view.instanceClaim() != null) ? view.instanceClaim().named() : null)
			.text((view) -> terms(view, OrderTerms::type))
			.int8((view) -> terms(view, OrderTerms::instanceVersion))
			.text((view) -> terms(view, OrderTerms::requestedBy))
			.bool((view) -> terms(view, OrderTerms::deletionProtection))
			.int4((view) -> changes(view, InstanceChanges::storageGb))
			.text((view) -> changes(view, InstanceChanges::nodeSize))
			.text((view) -> changes(view, (changes) -> sources(changes.trustedSources())))
			.bool((view) -> changes(view, InstanceChanges::deletionProtection))
			.text((view) -> view.statusReport().orderType())
			.bool((view) -> view.statusReport().instanceUsable())
			.text((view) -> observed(view, ObservedSettings::nodeSize))
			.int4((view) -> observed(view, ObservedSettings::storageGb))
			.text((view) -> observed(view, (observed) -> sources(observed.trustedSources())))
			.int8((view) -> observed(view, ObservedSettings::interruptionMillis))
			.bind(connection, MERGE_VIEW));
	}

	@Override
	public Map<OrderId, Integer> failedEvents(Collection<OrderId> orderIds) {
		if (orderIds.isEmpty()) {
			return Map.of();
		}
		Map<OrderId, Integer> counts = new HashMap<>();
		this.jdbc.query(
				"SELECT order_id, count(*) FROM order_event WHERE order_id = ANY(?) AND status = 'FAILED'"
						+ " GROUP BY order_id",
				(RowCallbackHandler) (rs) -> counts.put(OrderId.of(rs.getString(1)), rs.getInt(2)),
				(Object) orderIds.stream().map(OrderId::value).toArray(String[]::new));
		return counts;
	}

	@Override
	public void clear() {
		this.jdbc.execute("TRUNCATE order_view, order_event");
	}

	private static Stream<String> pick(String condition, List<String> columns) {
		return columns.stream()
			.map((column) -> column + " = CASE WHEN " + condition + " THEN excluded." + column + " ELSE t." + column
					+ " END");
	}

	private static long micros(Instant instant) {
		return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
	}

	private static @Nullable String code(@Nullable Failure failure) {
		return (failure != null) ? failure.code() : null;
	}

	private static @Nullable String message(@Nullable Failure failure) {
		return (failure != null) ? failure.message() : null;
	}

	private static <T> @Nullable T placement(OrderView view, java.util.function.Function<Placement, T> value) {
		return (view.placement() != null) ? value.apply(view.placement()) : null;
	}

	private static <T> @Nullable T details(OrderView view, java.util.function.Function<OrderDetails, T> value) {
		OrderDetails details = view.details();
		return (details != null) ? value.apply(details) : null;
	}

	private static <T> @Nullable T terms(OrderView view, java.util.function.Function<OrderTerms, T> value) {
		return (view.terms() != null) ? value.apply(view.terms()) : null;
	}

	private static <T> @Nullable T changes(OrderView view,
			java.util.function.Function<InstanceChanges, @Nullable T> value) {
		InstanceChanges changes = (view.terms() != null) ? view.terms().changes() : null;
		return (changes != null) ? value.apply(changes) : null;
	}

	private static <T> @Nullable T observed(OrderView view,
			java.util.function.Function<ObservedSettings, @Nullable T> value) {
		ObservedSettings observed = view.statusReport().observed();
		return (observed != null) ? value.apply(observed) : null;
	}

	private static @Nullable String sources(@Nullable List<String> sources) {
		return (sources != null) ? String.join(" ", sources) : null;
	}

	private static <T> @Nullable T instance(OrderView view, java.util.function.Function<InstanceReport, T> value) {
		return (view.instanceReport() != null) ? value.apply(view.instanceReport()) : null;
	}

	private static Transition transitionOf(OrderEvent event) {
		return (event instanceof OrderEvent.Placed placed) ? placed.placement().transition()
				: ((OrderEvent.StatusChanged) event).transition();
	}

	private record HistoryRow(String orderId, Transition transition) {

	}

}
