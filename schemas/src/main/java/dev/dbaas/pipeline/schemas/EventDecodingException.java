package dev.dbaas.pipeline.schemas;

import org.apache.kafka.common.errors.SerializationException;
import org.jspecify.annotations.Nullable;

/**
 * Bytes that cannot be decoded into an event. Thrown instead of returning {@code null},
 * so that an {@code ErrorHandlingDeserializer} can hand the record to a dead-letter topic
 * with the {@link #reason()} and message.
 */
public class EventDecodingException extends SerializationException {

	private final Reason reason;

	public EventDecodingException(Reason reason, String message, @Nullable Throwable cause) {
		super(reason + ": " + message, cause);
		this.reason = reason;
	}

	/**
	 * Why decoding failed.
	 * @return the reason, never {@code null}
	 */
	public Reason reason() {
		return this.reason;
	}

	/** Why a payload could not be decoded. */
	public enum Reason {

		/** Empty or null payload where an event was expected. */
		EMPTY_PAYLOAD,

		/**
		 * The payload does not start with the single-object-encoding marker 0xC3 0x01.
		 */
		NOT_SINGLE_OBJECT_ENCODED,

		/**
		 * The writer schema fingerprint is not one of the released versions in the schema
		 * store.
		 */
		UNKNOWN_SCHEMA_FINGERPRINT,

		/**
		 * Header and fingerprint are fine but the body does not decode with the writer
		 * schema.
		 */
		CORRUPT_PAYLOAD

	}

}
