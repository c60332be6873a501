package dev.dbaas.pipeline.tail;

import dev.dbaas.pipeline.events.OrderStatusChanged;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Renders what the tail read as one line each: {@link JsonLines} for pipes,
 * {@link TextLines} for a human. Implementations are thread-safe.
 */
interface EventLines {

	/**
	 * One event.
	 * @param record where the event was read
	 * @param event the decoded event
	 * @return one line, without a line break
	 */
	String event(ConsumerRecord<?, ?> record, OrderStatusChanged event);

	/**
	 * A record that does not decode.
	 * @param record the record
	 * @param reason a stable reason, e.g. {@code NOT_SINGLE_OBJECT_ENCODED}
	 * @param message what the decoder said
	 * @return one line, without a line break
	 */
	String undecodable(ConsumerRecord<?, byte[]> record, String reason, String message);

	/**
	 * The lines of a format.
	 * @param format the format asked for
	 * @return its renderer
	 */
	static EventLines of(OutputFormat format) {
		return switch (format) {
			case JSON -> new JsonLines();
			case TEXT -> new TextLines();
		};
	}

}
