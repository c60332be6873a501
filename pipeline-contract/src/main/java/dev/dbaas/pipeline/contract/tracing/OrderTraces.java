package dev.dbaas.pipeline.contract.tracing;

import java.util.HashMap;
import java.util.Map;

import dev.dbaas.pipeline.contract.kafka.PipelineHeaders;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * Carries an order's trace where Kafka's observation does not: captures the span in scope
 * as a W3C {@code traceparent} (for an outbox row or a job to store), continues a stored
 * one in a new span, and puts the order id into the MDC as {@code orderId} meanwhile.
 *
 * <p>
 * Without a tracer or propagator (tests that do not enable tracing) every method is a
 * no-op apart from the MDC. The trace context is present whether or not the trace is
 * sampled: sampling decides which spans are exported, not which requests have a trace id.
 * Thread-safe.
 */
public class OrderTraces {

	private final @Nullable Tracer tracer;

	private final @Nullable Propagator propagator;

	/**
	 * Traces with this tracer.
	 * @param tracer the tracer, or {@code null} without tracing
	 * @param propagator its W3C propagator, or {@code null} without tracing
	 */
	public OrderTraces(@Nullable Tracer tracer, @Nullable Propagator propagator) {
		this.tracer = tracer;
		this.propagator = propagator;
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
		return carrier.get(PipelineHeaders.TRACEPARENT);
	}

	/**
	 * Puts the order id into the MDC until the returned scope is closed.
	 * @param orderId the order
	 * @return the scope; close it on the same thread
	 */
	public Scope aboutOrder(String orderId) {
		MDC.MDCCloseable mdc = MDC.putCloseable(MdcKeys.ORDER_ID, orderId);
		return mdc::close;
	}

	/**
	 * Continues a stored trace in a new span tagged with the order id (a new trace
	 * without one), with the order id in the MDC, until the returned scope is closed. Log
	 * lines in between carry the order's {@code traceId}.
	 * @param orderId the order
	 * @param traceParent the stored W3C {@code traceparent}, or {@code null}
	 * @param name what is done, e.g. {@code provision}
	 * @return the scope; close it on the same thread
	 */
	public Scope continueTrace(String orderId, @Nullable String traceParent, String name) {
		MDC.MDCCloseable mdc = MDC.putCloseable(MdcKeys.ORDER_ID, orderId);
		if (this.tracer == null || this.propagator == null) {
			return mdc::close;
		}
		Span span = (traceParent != null)
				? this.propagator.extract(Map.of(PipelineHeaders.TRACEPARENT, traceParent), Map::get).name(name).start()
				: this.tracer.nextSpan().name(name).start();
		span.tag(MdcKeys.ORDER_ID, orderId);
		Tracer.SpanInScope inScope = this.tracer.withSpan(span);
		return () -> {
			inScope.close();
			span.end();
			mdc.close();
		};
	}

	/**
	 * Starts a span like {@link #continueTrace}, but not in scope: for work on many
	 * orders at once (a batch of records written together), where each order's span is
	 * put in scope only for what is about that order alone ({@link Started#enter()}), and
	 * its context is stored before the work ends ({@link Started#traceParent()}).
	 * @param orderId the order
	 * @param traceParent the W3C {@code traceparent} to continue, or {@code null} for a
	 * new trace
	 * @param name what is done, e.g. {@code accept}
	 * @return the started span; {@link Started#end() end} it on any thread
	 */
	public Started start(String orderId, @Nullable String traceParent, String name) {
		Tracer tracer = this.tracer;
		Propagator propagator = this.propagator;
		if (tracer == null || propagator == null) {
			return new Started(orderId, null, null, traceParent);
		}
		Span span = (traceParent != null)
				? propagator.extract(Map.of(PipelineHeaders.TRACEPARENT, traceParent), Map::get).name(name).start()
				: tracer.nextSpan().name(name).start();
		span.tag(MdcKeys.ORDER_ID, orderId);
		Map<String, String> carrier = new HashMap<>();
		propagator.inject(span.context(), carrier, Map::put);
		return new Started(orderId, tracer, span, carrier.get(PipelineHeaders.TRACEPARENT));
	}

	/**
	 * A span of one order, started by {@link #start} and not in scope.
	 */
	public static final class Started {

		private final String orderId;

		private final @Nullable Tracer tracer;

		private final @Nullable Span span;

		private final @Nullable String traceParent;

		private Started(String orderId, @Nullable Tracer tracer, @Nullable Span span, @Nullable String traceParent) {
			this.orderId = orderId;
			this.tracer = tracer;
			this.span = span;
			this.traceParent = traceParent;
		}

		/**
		 * The span's context, to store with the order's job or row.
		 * @return a W3C {@code traceparent}; without tracing the one it was started with,
		 * or {@code null}
		 */
		public @Nullable String traceParent() {
			return this.traceParent;
		}

		/**
		 * Puts the span in scope and the order id into the MDC until the returned scope
		 * is closed (log lines in between carry the order's {@code traceId}).
		 * @return the scope; close it on the same thread
		 */
		public Scope enter() {
			MDC.MDCCloseable mdc = MDC.putCloseable(MdcKeys.ORDER_ID, this.orderId);
			if (this.tracer == null || this.span == null) {
				return mdc::close;
			}
			Tracer.SpanInScope inScope = this.tracer.withSpan(this.span);
			return () -> {
				inScope.close();
				mdc.close();
			};
		}

		/**
		 * Ends the span.
		 */
		public void end() {
			if (this.span != null) {
				this.span.end();
			}
		}

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
