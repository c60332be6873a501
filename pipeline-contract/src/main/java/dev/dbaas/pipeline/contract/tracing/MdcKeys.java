package dev.dbaas.pipeline.contract.tracing;

/**
 * The MDC keys the services put into their log lines, so that one query finds an order's
 * lines in every service. {@code traceId} and {@code spanId} are also what Micrometer
 * Tracing puts there for the span in scope.
 */
public final class MdcKeys {

	/** The order a log line is about. */
	public static final String ORDER_ID = "orderId";

	/** The trace id (32 lower-case hex digits) of the order's trace. */
	public static final String TRACE_ID = "traceId";

	private MdcKeys() {
	}

}
