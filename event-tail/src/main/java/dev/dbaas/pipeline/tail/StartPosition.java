package dev.dbaas.pipeline.tail;

import java.time.Instant;

/**
 * Where the tail starts reading each partition of the topic.
 */
public sealed interface StartPosition {

	/** The oldest record each partition still has. */
	record Beginning() implements StartPosition {

	}

	/** Only records written after the tail started. */
	record End() implements StartPosition {

	}

	/**
	 * The first record whose Kafka timestamp is at or after the given time; the end of a
	 * partition that has none.
	 *
	 * @param time the time
	 */
	record At(Instant time) implements StartPosition {

	}

}
