package dev.dbaas.pipeline.intake.order.jdbc;

import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.dbaas.pipeline.intake.order.InvoiceProfile;
import dev.dbaas.pipeline.intake.order.Order;
import dev.dbaas.pipeline.intake.order.OrderSpec;
import dev.dbaas.pipeline.intake.order.Orders;
import dev.dbaas.pipeline.intake.order.TrustedSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Repository;

/**
 * Orders in the {@code orders} table. Invoice profile and accepted documents are JSON
 * columns: they are read as a whole and never queried into. A group of orders is one JDBC
 * batch (one round trip).
 */
@Repository
class JdbcOrders implements Orders {

	private static final JsonMapper JSON = JsonMapper.builder().build();

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
						                    storage_gb, trusted_sources, region, invoice_profile, accepted_documents, placed_at)
						VALUES (:id, :instanceId, :customerId, :status, :databaseType, :databaseVersion, :nodeSize, :storageGb,
						        CAST(:trustedSources AS text[]), :region, CAST(:invoiceProfile AS jsonb), CAST(:acceptedDocuments AS jsonb),
						        :placedAt)
						""",
				rows);
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
			.addValue("trustedSources",
					spec.trustedSources().stream().map(TrustedSource::cidr).collect(Collectors.joining(",", "{", "}")))
			.addValue("region", spec.region())
			.addValue("invoiceProfile", JSON.writeValueAsString(invoiceProfile(spec.invoiceProfile())))
			.addValue("acceptedDocuments", JSON.writeValueAsString(spec.acceptedDocuments()))
			.addValue("placedAt", Timestamp.from(order.placedAt()));
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

}
