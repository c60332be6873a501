package dev.dbaas.pipeline.intake.order.jdbc;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.dbaas.pipeline.intake.order.AcceptedDocument;
import dev.dbaas.pipeline.intake.order.CustomerId;
import dev.dbaas.pipeline.intake.order.InstanceChanges;
import dev.dbaas.pipeline.intake.order.InstanceId;
import dev.dbaas.pipeline.intake.order.InvoiceProfile;
import dev.dbaas.pipeline.intake.order.Order;
import dev.dbaas.pipeline.intake.order.OrderId;
import dev.dbaas.pipeline.intake.order.OrderSpec;
import dev.dbaas.pipeline.intake.order.OrderStatus;
import dev.dbaas.pipeline.intake.order.OrderType;
import dev.dbaas.pipeline.intake.order.Orders;
import dev.dbaas.pipeline.intake.order.PlacedOrders;
import dev.dbaas.pipeline.intake.order.StorageSize;
import dev.dbaas.pipeline.intake.order.TrustedSource;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Repository;

/**
 * Orders in the {@code orders} table: creates and changes alike, each with the instance's
 * complete desired settings after it. Invoice profile, accepted documents and an UPDATE's
 * changes are JSON columns: they are read as a whole and never queried into. A group of
 * orders is one JDBC batch (one round trip).
 */
@Repository
class JdbcOrders implements Orders, PlacedOrders {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String COLUMNS = """
			id, instance_id, customer_id, status, database_type, database_version, node_size, storage_gb,
			trusted_sources, region, invoice_profile, accepted_documents, placed_at, type, instance_version,
			deletion_protection, changes, requested_by
			""";

	private final NamedParameterJdbcTemplate jdbc;

	JdbcOrders(NamedParameterJdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void add(List<Order> orders) {
		if (orders.isEmpty()) {
			return;
		}
		SqlParameterSource[] rows = orders.stream().map(JdbcOrders::row).toArray(SqlParameterSource[]::new);
		this.jdbc.batchUpdate(
				"""
						INSERT INTO orders (id, instance_id, customer_id, status, database_type, database_version, node_size,
						                    storage_gb, trusted_sources, region, invoice_profile, accepted_documents, placed_at,
						                    type, instance_version, deletion_protection, changes, requested_by)
						VALUES (:id, :instanceId, :customerId, :status, :databaseType, :databaseVersion, :nodeSize, :storageGb,
						        CAST(:trustedSources AS text[]), :region, CAST(:invoiceProfile AS jsonb), CAST(:acceptedDocuments AS jsonb),
						        :placedAt, :type, :instanceVersion, :deletionProtection, CAST(:changes AS jsonb), :requestedBy)
						""",
				rows);
	}

	@Override
	public Optional<Order> find(OrderId id) {
		return this.jdbc
			.query("SELECT " + COLUMNS + " FROM orders WHERE id = :id", Map.of("id", id.value()),
					(rs, row) -> order(rs))
			.stream()
			.findFirst();
	}

	@Override
	public Optional<Order> creationOf(InstanceId instanceId) {
		return this.jdbc
			.query("SELECT " + COLUMNS + " FROM orders WHERE instance_id = :instanceId AND type = 'CREATE'",
					Map.of("instanceId", instanceId.value()), (rs, row) -> order(rs))
			.stream()
			.findFirst();
	}

	@Override
	public Map<OrderId, OrderOfInstance> instancesOf(Collection<OrderId> ids) {
		if (ids.isEmpty()) {
			return Map.of();
		}
		Map<OrderId, OrderOfInstance> found = new HashMap<>();
		this.jdbc.query("""
				SELECT id, instance_id, type FROM orders
				WHERE id = ANY (CAST(:ids AS uuid[])) AND instance_id IS NOT NULL
				""", Map.of("ids", ids.stream().map(OrderId::toString).collect(Collectors.joining(",", "{", "}"))),
				(ResultSet rs) -> {
					while (rs.next()) {
						found.put(new OrderId(rs.getObject("id", UUID.class)), new OrderOfInstance(
								new InstanceId(rs.getString("instance_id")), OrderType.valueOf(rs.getString("type"))));
					}
					return null;
				});
		return found;
	}

	private static SqlParameterSource row(Order order) {
		OrderSpec spec = order.spec();
		return new MapSqlParameterSource().addValue("id", order.id().value())
			.addValue("instanceId", order.instanceId().value())
			.addValue("customerId", spec.customerId().value())
			.addValue("status", order.status().name())
			.addValue("databaseType", spec.databaseType())
			.addValue("databaseVersion", spec.databaseVersion())
			.addValue("nodeSize", spec.nodeSize())
			.addValue("storageGb", spec.storage().gb())
			.addValue("trustedSources", textArray(spec.trustedSources()))
			.addValue("region", spec.region())
			.addValue("invoiceProfile", JSON.writeValueAsString(invoiceProfile(spec.invoiceProfile())))
			.addValue("acceptedDocuments", JSON.writeValueAsString(spec.acceptedDocuments()))
			.addValue("placedAt", Timestamp.from(order.placedAt()))
			.addValue("type", order.type().name())
			.addValue("instanceVersion", order.instanceVersion())
			.addValue("deletionProtection", order.deletionProtection())
			.addValue("changes", (order.changes() != null) ? JSON.writeValueAsString(changes(order.changes())) : null)
			.addValue("requestedBy", order.requestedBy());
	}

	private static String textArray(List<TrustedSource> sources) {
		return sources.stream().map(TrustedSource::cidr).collect(Collectors.joining(",", "{", "}"));
	}

	private static Map<String, Object> invoiceProfile(InvoiceProfile profile) {
		Map<String, Object> json = new LinkedHashMap<>();
		if (profile instanceof InvoiceProfile.Existing existing) {
			json.put("existingId", existing.id());
		}
		else if (profile instanceof InvoiceProfile.New created) {
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("companyName", created.companyName());
			details.put("email", created.email());
			details.put("street", created.street());
			details.put("postalCode", created.postalCode());
			details.put("city", created.city());
			details.put("country", created.country());
			if (created.vatId() != null) {
				details.put("vatId", created.vatId());
			}
			json.put("new", details);
		}
		return json;
	}

	private static Map<String, Object> changes(InstanceChanges changes) {
		Map<String, Object> json = new LinkedHashMap<>();
		if (changes.storage() != null) {
			json.put("storageGb", changes.storage().gb());
		}
		if (changes.nodeSize() != null) {
			json.put("nodeSize", changes.nodeSize());
		}
		if (changes.trustedSources() != null) {
			json.put("trustedSources", changes.trustedSources().stream().map(TrustedSource::cidr).toList());
		}
		if (changes.deletionProtection() != null) {
			json.put("deletionProtection", changes.deletionProtection());
		}
		return json;
	}

	private static Order order(ResultSet rs) throws SQLException {
		OrderId id = new OrderId(rs.getObject("id", UUID.class));
		String instance = rs.getString("instance_id");
		InstanceId instanceId = (instance != null) ? new InstanceId(instance) : InstanceId.ofLegacyOrder(id);
		OrderSpec spec = new OrderSpec(new CustomerId(rs.getString("customer_id")), rs.getString("database_type"),
				rs.getString("database_version"), rs.getString("node_size"), new StorageSize(rs.getInt("storage_gb")),
				trustedSources(rs.getArray("trusted_sources")), rs.getString("region"),
				invoiceProfile(JSON.readTree(rs.getString("invoice_profile"))),
				acceptedDocuments(JSON.readTree(rs.getString("accepted_documents"))));
		String changes = rs.getString("changes");
		String requestedBy = rs.getString("requested_by");
		return new Order(id, instanceId, spec, OrderStatus.valueOf(rs.getString("status")),
				rs.getTimestamp("placed_at").toInstant(), OrderType.valueOf(rs.getString("type")),
				rs.getLong("instance_version"), rs.getBoolean("deletion_protection"),
				(changes != null) ? changes(JSON.readTree(changes)) : null,
				(requestedBy != null) ? requestedBy : "unknown");
	}

	static List<TrustedSource> trustedSources(Array array) throws SQLException {
		List<TrustedSource> sources = new ArrayList<>();
		for (Object cidr : (Object[]) array.getArray()) {
			sources.add(stored((String) cidr));
		}
		return sources;
	}

	private static TrustedSource stored(String cidr) {
		return TrustedSource.ofCidr(cidr);
	}

	private static InvoiceProfile invoiceProfile(JsonNode json) {
		JsonNode created = json.get("new");
		if (created == null) {
			return new InvoiceProfile.Existing(json.get("existingId").stringValue());
		}
		JsonNode vatId = created.get("vatId");
		return new InvoiceProfile.New(created.get("companyName").stringValue(), created.get("email").stringValue(),
				created.get("street").stringValue(), created.get("postalCode").stringValue(),
				created.get("city").stringValue(), created.get("country").stringValue(),
				(vatId != null && !vatId.isNull()) ? vatId.stringValue() : null);
	}

	private static List<AcceptedDocument> acceptedDocuments(JsonNode json) {
		List<AcceptedDocument> documents = new ArrayList<>();
		json.forEach((document) -> documents
			.add(new AcceptedDocument(document.get("id").stringValue(), document.get("version").stringValue())));
		return documents;
	}

	private static InstanceChanges changes(JsonNode json) {
		JsonNode storage = json.get("storageGb");
		JsonNode nodeSize = json.get("nodeSize");
		JsonNode sources = json.get("trustedSources");
		JsonNode protection = json.get("deletionProtection");
		@Nullable List<TrustedSource> trusted = null;
		if (sources != null) {
			trusted = new ArrayList<>();
			for (JsonNode source : sources) {
				trusted.add(stored(source.stringValue()));
			}
		}
		return new InstanceChanges((storage != null) ? new StorageSize(storage.intValue()) : null,
				(nodeSize != null) ? nodeSize.stringValue() : null, trusted,
				(protection != null) ? protection.booleanValue() : null);
	}

}
