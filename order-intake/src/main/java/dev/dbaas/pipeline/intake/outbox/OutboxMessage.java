package dev.dbaas.pipeline.intake.outbox;

import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A record to publish: topic, key and the already-encoded value.
 *
 * @param eventId unique id of the event (a random UUID), for consumers to de-duplicate on
 * @param topic Kafka topic
 * @param key record key; at most one unpublished message per key
 * @param payload record value, already serialized
 * @param traceParent W3C {@code traceparent} of the trace the message belongs to, sent as
 * the record's header; {@code null} for none
 */
public record OutboxMessage(UUID eventId, String topic, String key, byte[] payload, @Nullable String traceParent) {

	public OutboxMessage {
		Objects.requireNonNull(eventId, "eventId");
		Objects.requireNonNull(topic, "topic");
		Objects.requireNonNull(key, "key");
		Objects.requireNonNull(payload, "payload");
	}

	/**
	 * A message outside any trace.
	 * @param eventId unique id of the event
	 * @param topic Kafka topic
	 * @param key record key
	 * @param payload record value
	 */
	public OutboxMessage(UUID eventId, String topic, String key, byte[] payload) {
		this(eventId, topic, key, payload, null);
	}

}
