package dev.dbaas.pipeline.status.order;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Unique id of an event; the view remembers it to apply each event once.
 *
 * <p>
 * Ordered by the canonical lower-case text form, which is the byte order PostgreSQL uses
 * for {@code uuid}, so that tie-breaks in Java and in SQL agree.
 *
 * @param value the UUID
 */
public record EventId(UUID value) implements Comparable<EventId> {

	public EventId {
		if (value == null) {
			throw new InvalidOrderEventException("eventId must not be null");
		}
	}

	/**
	 * Parses the canonical text form.
	 * @param text a UUID such as {@code 0f8fad5b-d9cb-469f-a165-70867728950e}
	 * @return the id
	 * @throws InvalidOrderEventException if the text is not a UUID
	 */
	public static EventId parse(@Nullable String text) {
		if (text == null || text.length() != 36) {
			throw new InvalidOrderEventException("eventId must be a UUID, got '" + text + "'");
		}
		try {
			return new EventId(UUID.fromString(text));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidOrderEventException("eventId must be a UUID, got '" + text + "'");
		}
	}

	@Override
	public int compareTo(EventId other) {
		return toString().compareTo(other.toString());
	}

	@Override
	public String toString() {
		return this.value.toString();
	}

}
