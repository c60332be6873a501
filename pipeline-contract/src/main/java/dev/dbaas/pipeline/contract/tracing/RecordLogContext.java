package dev.dbaas.pipeline.contract.tracing;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.dbaas.pipeline.contract.kafka.PipelineHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * What a log line about one record carries in the MDC: {@code orderId} (the record key)
 * and the {@code traceId} of its W3C {@code traceparent} header, so that the order's log
 * lines in every service share one trace id. For code that handles records outside an
 * observed listener call: batch listeners, dead-lettering. Not thread-safe: open and
 * close it on one thread.
 */
public final class RecordLogContext implements AutoCloseable {

	/** {@code version-traceid-parentid-flags}, lower-case hex. */
	private static final Pattern TRACEPARENT = Pattern.compile("[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}");

	private final @Nullable String previousOrderId;

	private final @Nullable String previousTraceId;

	private RecordLogContext(ConsumerRecord<?, ?> record) {
		this.previousOrderId = MDC.get(MdcKeys.ORDER_ID);
		this.previousTraceId = MDC.get(MdcKeys.TRACE_ID);
		put(MdcKeys.ORDER_ID, (record.key() != null) ? record.key().toString() : null);
		put(MdcKeys.TRACE_ID, traceIdOf(record));
	}

	/**
	 * Puts the record's order id and trace id into the MDC until closed; closing restores
	 * what was there.
	 * @param record the record the log lines are about
	 * @return the context; close it on the same thread
	 */
	public static RecordLogContext about(ConsumerRecord<?, ?> record) {
		return new RecordLogContext(record);
	}

	/**
	 * The trace id of a record's {@code traceparent} header.
	 * @param record the record
	 * @return 32 hex digits, or {@code null} without a well-formed header
	 */
	public static @Nullable String traceIdOf(ConsumerRecord<?, ?> record) {
		Header header = record.headers().lastHeader(PipelineHeaders.TRACEPARENT);
		if (header == null || header.value() == null) {
			return null;
		}
		Matcher traceparent = TRACEPARENT.matcher(new String(header.value(), StandardCharsets.US_ASCII).trim());
		return traceparent.matches() ? traceparent.group(1) : null;
	}

	@Override
	public void close() {
		put(MdcKeys.ORDER_ID, this.previousOrderId);
		put(MdcKeys.TRACE_ID, this.previousTraceId);
	}

	private static void put(String key, @Nullable String value) {
		if (value != null) {
			MDC.put(key, value);
		}
		else {
			MDC.remove(key);
		}
	}

}
