package dev.dbaas.pipeline.tail.deadletters;

import org.apache.avro.specific.SpecificRecord;
import org.jspecify.annotations.Nullable;

/**
 * What the value of a dead letter is under the current schemas.
 */
public sealed interface Payload {

	/**
	 * Whether a re-drive would hand consumers an event they can read.
	 * @return {@code true} for an event without a {@link Decoded#refusal() refusal}
	 */
	boolean redrivable();

	/**
	 * The value decodes.
	 *
	 * @param event the event, as the current generated class
	 * @param refusal why it still may not be re-driven (e.g. a type these schemas read as
	 * {@code UNKNOWN}, which every consumer dead-letters again), or {@code null}
	 */
	record Decoded(SpecificRecord event, @Nullable String refusal) implements Payload {

		/**
		 * The event's schema name.
		 * @return e.g. {@code OrderPlaced}
		 */
		public String type() {
			return this.event.getSchema().getName();
		}

		@Override
		public boolean redrivable() {
			return this.refusal == null;
		}

	}

	/**
	 * The value does not decode.
	 *
	 * @param reason a stable reason, e.g. {@code NOT_SINGLE_OBJECT_ENCODED}
	 * @param message what the decoder said
	 */
	record Undecodable(String reason, String message) implements Payload {

		@Override
		public boolean redrivable() {
			return false;
		}

	}

}
