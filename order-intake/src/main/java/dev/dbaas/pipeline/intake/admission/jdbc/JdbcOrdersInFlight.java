package dev.dbaas.pipeline.intake.admission.jdbc;

import javax.sql.DataSource;

import dev.dbaas.pipeline.intake.admission.OrdersInFlight;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Orders in flight are the instances with a pending order ({@code instances}, decision
 * 0005): written in the transaction that accepts an order, cleared by the status
 * consumer's settlement, so the count is the same for every intake instance sharing the
 * database, and a consumer that lags shows as backlog. A partial index holds only the
 * pending rows, so counting costs what the backlog is, not what the table is; the count
 * stops at a cap and gives up after a second.
 */
@Repository
class JdbcOrdersInFlight implements OrdersInFlight {

	private final JdbcTemplate jdbc;

	JdbcOrdersInFlight(DataSource dataSource) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.jdbc.setQueryTimeout(1);
	}

	@Override
	public long count(long atMost) {
		Long count = this.jdbc.queryForObject("""
				SELECT count(*) FROM (
				    SELECT 1 FROM instances WHERE pending_order_id IS NOT NULL LIMIT ?
				) AS pending
				""", Long.class, atMost);
		return (count != null) ? count : 0;
	}

}
