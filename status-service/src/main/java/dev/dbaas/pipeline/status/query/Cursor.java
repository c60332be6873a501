package dev.dbaas.pipeline.status.query;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;

import dev.dbaas.pipeline.status.order.OrderId;

/**
 * Where the next page starts: the sort key of the last order of the previous page (keyset
 * pagination, newest first). Opaque to clients.
 *
 * @param orderedAt placement time of the last order shown
 * @param orderId id of the last order shown
 */
public record Cursor(Instant orderedAt, OrderId orderId) {

	private static final String VERSION = "v1";

	public Cursor {
		if (orderedAt == null || orderId == null) {
			throw new IllegalArgumentException("a cursor needs a time and an order id");
		}
	}

	/**
	 * The opaque text form.
	 * @return URL-safe Base64 text
	 */
	public String encode() {
		String plain = VERSION + "\n" + this.orderedAt + "\n" + this.orderId.value();
		return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Reads the text form.
	 * @param text what {@link #encode()} returned
	 * @return the cursor
	 * @throws InvalidCursorException if the text is not a cursor of this service
	 */
	public static Cursor decode(String text) {
		try {
			String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
			String[] parts = plain.split("\n", -1);
			if (parts.length != 3 || !VERSION.equals(parts[0])) {
				throw new InvalidCursorException();
			}
			return new Cursor(Instant.parse(parts[1]), OrderId.of(parts[2]));
		}
		catch (IllegalArgumentException | DateTimeException ex) {
			throw new InvalidCursorException();
		}
	}

	/** Text that is not a cursor of this service. */
	public static class InvalidCursorException extends IllegalArgumentException {

		InvalidCursorException() {
			super("not a cursor of this service; pass nextCursor of the previous page unchanged");
		}

	}

}
