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

	/**
	 * Compares the canonical text forms without building them: fixed-width lower-case hex
	 * of the most, then the least significant bits, so text order is unsigned numeric
	 * order.
	 */
	@Override
	public int compareTo(EventId other) {
		int most = Long.compareUnsigned(this.value.getMostSignificantBits(), other.value.getMostSignificantBits());
		return (most != 0) ? most
				: Long.compareUnsigned(this.value.getLeastSignificantBits(), other.value.getLeastSignificantBits());
	}

	// Plain field access instead of the record's generated methods, as in OrderId.
	@Override
	public boolean equals(@Nullable Object other) {
		return (this == other) || (other instanceof EventId id && this.value.equals(id.value));
	}

	@Override
	public int hashCode() {
		return this.value.hashCode();
	}

	@Override
	public String toString() {
		return this.value.toString();
	}

}
