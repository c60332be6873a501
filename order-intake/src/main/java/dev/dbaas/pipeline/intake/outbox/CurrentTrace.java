package dev.dbaas.pipeline.intake.outbox;

import java.util.HashMap;
import java.util.Map;

import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The trace context that an outbox row carries to its consumers: the span in scope when
 * the row is written (the {@code POST /v1/orders} request's, which continues the caller's
 * {@code traceparent} when it sent one), as a W3C {@code traceparent}. The relay sends it
 * as the record's header, so the consumers continue the same trace.
 *
 * <p>
 * Without a tracer it is always {@code null}. Thread-safe.
 */
@Component
class CurrentTrace {

	/** The W3C trace context header, on Kafka records and in the outbox table. */
	static final String TRACEPARENT = "traceparent";

	private final @Nullable Tracer tracer;

	private final @Nullable Propagator propagator;

	CurrentTrace(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
		this.tracer = tracer.getIfAvailable();
		this.propagator = propagator.getIfAvailable();
	}

	/**
	 * The trace context of the span in scope on this thread. Present whether or not the
	 * trace is sampled: sampling decides which spans are exported, not which requests
	 * have a trace id.
	 * @return a W3C {@code traceparent}, or {@code null} without a span
	 */
	@Nullable String traceParent() {
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

}
