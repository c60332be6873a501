package dev.dbaas.pipeline.provisioner.support;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads the simulated backend's call log ({@code backend_calls}).
 */
public final class BackendCalls {

	private final JdbcClient jdbc;

	public BackendCalls(DataSource dataSource) {
		this.jdbc = JdbcClient.create(dataSource);
	}

	/**
	 * The calls for one order, oldest first.
	 * @param orderId the order
	 * @return calls as {@code STEP:OUTCOME}
	 */
	public List<String> of(String orderId) {
		return this.jdbc.sql("SELECT step, outcome FROM backend_calls WHERE order_id = :orderId ORDER BY id")
			.param("orderId", orderId)
			.query((rs, n) -> rs.getString("step") + ":" + rs.getString("outcome"))
			.list();
	}

	/**
	 * (order, step) pairs whose effect was executed more than once; must stay empty.
	 * @return offending pairs as {@code orderId/STEP=count}
	 */
	public List<String> executedMoreThanOnce() {
		return this.jdbc.sql("""
				SELECT order_id, step, count(*) AS executions FROM backend_calls
				 WHERE outcome = 'EXECUTED' GROUP BY order_id, step HAVING count(*) > 1
				""")
			.query((rs, n) -> rs.getString("order_id") + "/" + rs.getString("step") + "=" + rs.getInt("executions"))
			.list();
	}

	/**
	 * How many steps each caller executed.
	 * @return executions by caller
	 */
	public Map<String, Integer> executionsByCaller() {
		Map<String, Integer> byCaller = new java.util.TreeMap<>();
		this.jdbc
			.sql("SELECT caller, count(*) AS executions FROM backend_calls WHERE outcome = 'EXECUTED' GROUP BY caller")
			.query((rs, n) -> byCaller.put(rs.getString("caller"), rs.getInt("executions")))
			.list();
		return byCaller;
	}

	/**
	 * How many calls of an outcome were made in total.
	 * @param outcome e.g. {@code REPLAYED}
	 * @return the count
	 */
	public int count(String outcome) {
		return this.jdbc.sql("SELECT count(*) FROM backend_calls WHERE outcome = :outcome")
			.param("outcome", outcome)
			.query(Integer.class)
			.single();
	}

}
