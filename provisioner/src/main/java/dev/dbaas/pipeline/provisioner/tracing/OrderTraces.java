package dev.dbaas.pipeline.provisioner.tracing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The trace of an order outlives the Kafka record that started it: the listener's span (a
 * child of the placing service's span when the record carried a {@code traceparent}
 * header) is stored with the job as a W3C {@code traceparent}; the worker that drives the
 * job continues it, and the status events carry it on to the status topic. The order id
 * goes into the logging MDC as {@code orderId} wherever an order is worked on.
 *
 * <p>
 * Without a tracer (tests that do not enable tracing) every method is a no-op apart from
 * the MDC. Thread-safe.
 */
@Component
public class OrderTraces {

	/** The W3C trace context header, on Kafka records and in the job store. */
	public static final String TRACEPARENT = "traceparent";

	/** MDC key of the order id. */
	public static final String ORDER_ID = "orderId";

	private final JdbcClient jdbc;

	private final @Nullable Tracer tracer;

	private final @Nullable Propagator propagator;

	OrderTraces(JdbcClient jdbc, ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
		this.jdbc = jdbc;
		this.tracer = tracer.getIfAvailable();
		this.propagator = propagator.getIfAvailable();
	}

	/**
	 * The trace context of the span in scope on this thread.
	 * @return a W3C {@code traceparent}, or {@code null} without a span
	 */
	public @Nullable String current() {
		if (this.tracer == null || this.propagator == null) {
			return null;
		}
		TraceContext context = this.tracer.currentTraceContext().context();
		if (context == null) {
			return null;
		}
		Map<String, String> carrier = new HashMap<>();
		this.propagator.inject(context, carrier, Map::put);
		return carrier.get(TRACEPARENT);
	}

	/**
	 * Puts the order id into the MDC until the returned scope is closed.
	 * @param orderId the order
	 * @return the scope; close it on the same thread
	 */
	public Scope aboutOrder(String orderId) {
		MDC.MDCCloseable mdc = MDC.putCloseable(ORDER_ID, orderId);
		return mdc::close;
	}

	/**
	 * Continues the trace stored with an order's job in a new span, with the order id in
	 * the MDC, until the returned scope is closed. Log lines in between carry the order's
	 * {@code traceId}.
	 * @param orderId the order
	 * @param name what is done, e.g. {@code provision}
	 * @return the scope; close it on the same thread
	 */
	public Scope continueTrace(String orderId, String name) {
		MDC.MDCCloseable mdc = MDC.putCloseable(ORDER_ID, orderId);
		if (this.tracer == null || this.propagator == null) {
			return mdc::close;
		}
		List<String> stored = this.jdbc.sql("SELECT trace_parent FROM provisioning_job WHERE order_id = :orderId")
			.param("orderId", orderId)
			.query(String.class)
			.list();
		String traceParent = stored.isEmpty() ? null : stored.get(0);
		Span span = (traceParent != null)
				? this.propagator.extract(Map.of(TRACEPARENT, traceParent), Map::get).name(name).start()
				: this.tracer.nextSpan().name(name).start();
		span.tag(ORDER_ID, orderId);
		Tracer.SpanInScope inScope = this.tracer.withSpan(span);
		return () -> {
			inScope.close();
			span.end();
			mdc.close();
		};
	}

	/**
	 * What {@link #aboutOrder} and {@link #continueTrace} hold open.
	 */
	@FunctionalInterface
	public interface Scope extends AutoCloseable {

		@Override
		void close();

	}

}
