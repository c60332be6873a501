package dev.dbaas.pipeline.intake.outbox;

import java.util.Objects;
import java.util.UUID;

/**
 * A record to publish: topic, key and the already-encoded value.
 *
 * @param eventId unique id of the event (a random UUID), for consumers to de-duplicate on
 * @param topic Kafka topic
 * @param key record key; at most one unpublished message per key
 * @param payload record value, already serialized
 */
public record OutboxMessage(UUID eventId, String topic, String key, byte[] payload) {

	public OutboxMessage {
		Objects.requireNonNull(eventId, "eventId");
		Objects.requireNonNull(topic, "topic");
		Objects.requireNonNull(key, "key");
		Objects.requireNonNull(payload, "payload");
	}

}
