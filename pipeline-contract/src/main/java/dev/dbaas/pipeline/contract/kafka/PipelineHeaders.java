package dev.dbaas.pipeline.contract.kafka;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.jspecify.annotations.Nullable;

/**
 * The names of the record headers the pipeline writes and reads. Values are text:
 * {@code traceparent} US-ASCII, the others UTF-8.
 */
public final class PipelineHeaders {

	/**
	 * The W3C trace context of the trace a record belongs to, e.g.
	 * {@code 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01}; the same name is
	 * used where a service stores it (outbox, job store).
	 */
	public static final String TRACEPARENT = "traceparent";

	/** The unique id of the event in an order-intake outbox record. */
	public static final String EVENT_ID = "eventId";

	/**
	 * On a dead-letter record: the innermost cause, e.g.
	 * {@code NOT_SINGLE_OBJECT_ENCODED: ...}, next to spring-kafka's {@code kafka_dlt-*}
	 * headers.
	 */
	public static final String DEAD_LETTER_REASON = "pipeline_dlt-reason";

	private PipelineHeaders() {
	}

	/**
	 * The text of the last header of that name.
	 * @param headers a record's headers
	 * @param name the header name
	 * @return its value as UTF-8 text, or {@code null} without one
	 */
	public static @Nullable String lastValue(Headers headers, String name) {
		Header header = headers.lastHeader(name);
		return (header != null && header.value() != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

}
