package dev.dbaas.pipeline.tail;

import java.time.Instant;

import dev.dbaas.pipeline.events.Failure;
import dev.dbaas.pipeline.events.Instance;
import dev.dbaas.pipeline.events.ObservedSettings;
import dev.dbaas.pipeline.events.OrderStatusChanged;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Renders records as one readable line each, for a human at a terminal
 * ({@code --format=text}): time, status, order type, order, what the event adds (failure,
 * whether the instance is still usable, the observed settings, the connection facts) and
 * where it was read, e.g.
 * {@code 2026-11-25T15:37:28.847Z DONE       UPDATE order o-3 customer c-1 instance db-1 #4 VERIFY_SETTINGS observed nodeSize=b2-8 storageGb=100 trustedSources=127.0.0.4/32 interruption=1200ms (dbaas.order.status.v1-3@42)}.
 * The layout may change; scripts read {@link JsonLines}. Sealed credentials are never
 * printed.
 *
 * <p>
 * Thread-safe.
 */
final class TextLines implements EventLines {

	@Override
	public String event(ConsumerRecord<?, ?> record, OrderStatusChanged event) {
		StringBuilder line = new StringBuilder();
		line.append(event.getOccurredAt())
			.append(' ')
			.append(padded(event.getStatus().name(), 10))
			.append(' ')
			.append(padded(EventFilter.orderTypeOf(event).name(), 6))
			.append(" order ")
			.append(event.getOrderId())
			.append(" customer ")
			.append(event.getCustomerId());
		if (event.getInstanceId() != null) {
			line.append(" instance ").append(event.getInstanceId());
		}
		line.append(" #").append(event.getSequence());
		if (event.getStep() != null) {
			line.append(' ').append(event.getStep());
		}
		Failure failure = event.getFailure();
		if (failure != null) {
			line.append(" failure ").append(failure.getCode()).append(": ").append(failure.getMessage());
		}
		if (event.getInstanceUsable() != null) {
			line.append(event.getInstanceUsable() ? " instance still usable" : " instance NOT usable");
		}
		ObservedSettings observed = event.getObserved();
		if (observed != null) {
			line.append(" observed nodeSize=")
				.append(observed.getNodeSize())
				.append(" storageGb=")
				.append(observed.getStorageGb())
				.append(" trustedSources=")
				.append(String.join(",", observed.getTrustedSources()));
			if (observed.getInterruptionMillis() != null) {
				line.append(" interruption=").append(observed.getInterruptionMillis()).append("ms");
			}
		}
		Instance instance = event.getInstance();
		if (instance != null) {
			line.append(" at ")
				.append(instance.getHost())
				.append(':')
				.append(instance.getPort())
				.append(" (")
				.append(instance.getDatabaseType())
				.append(' ')
				.append(instance.getDatabaseVersion())
				.append(')');
		}
		return line.append(' ').append(position(record)).toString();
	}

	@Override
	public String undecodable(ConsumerRecord<?, byte[]> record, String reason, String message) {
		StringBuilder line = new StringBuilder();
		if (record.timestamp() >= 0) {
			line.append(Instant.ofEpochMilli(record.timestamp())).append(' ');
		}
		line.append("UNDECODABLE ").append(reason);
		if (record.key() != null) {
			line.append(" key ").append(record.key());
		}
		line.append(' ')
			.append((record.value() != null) ? record.value().length : 0)
			.append(" bytes: ")
			.append(message)
			.append(' ')
			.append(position(record));
		return line.toString();
	}

	/** {@code (topic-partition@offset)}, as Kafka's tools name a record. */
	static String position(ConsumerRecord<?, ?> record) {
		return "(" + record.topic() + "-" + record.partition() + "@" + record.offset() + ")";
	}

	private static String padded(String text, int width) {
		return (text.length() >= width) ? text : text + " ".repeat(width - text.length());
	}

}
