package dev.dbaas.pipeline.provisioner.tracing;

import java.util.List;

import dev.dbaas.pipeline.contract.tracing.OrderTraces;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The trace of an order outlives the Kafka record that started it: the listener's span (a
 * child of the placing service's span when the record carried a {@code traceparent}
 * header) is stored with the job as a W3C {@code traceparent}
 * ({@link OrderTraces#current()}); the worker that drives the job continues it here, and
 * the status events carry it on to the status topic.
 *
 * <p>
 * Without a tracer every scope only holds the order id in the MDC. Thread-safe.
 */
@Component
public class JobTraces {

	private final JdbcClient jdbc;

	private final OrderTraces traces;

	JobTraces(JdbcClient jdbc, OrderTraces traces) {
		this.jdbc = jdbc;
		this.traces = traces;
	}

	/**
	 * Continues the trace stored with an order's job in a new span, with the order id in
	 * the MDC, until the returned scope is closed.
	 * @param orderId the order
	 * @param name what is done, e.g. {@code provision}
	 * @return the scope; close it on the same thread
	 */
	public OrderTraces.Scope continueTrace(String orderId, String name) {
		return this.traces.continueTrace(orderId, storedTraceParent(orderId), name);
	}

	private @Nullable String storedTraceParent(String orderId) {
		List<String> stored = this.jdbc.sql("SELECT trace_parent FROM provisioning_job WHERE order_id = :orderId")
			.param("orderId", orderId)
			.query(String.class)
			.list();
		return stored.isEmpty() ? null : stored.get(0);
	}

}
