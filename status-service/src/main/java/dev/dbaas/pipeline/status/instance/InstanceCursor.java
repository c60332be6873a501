package dev.dbaas.pipeline.status.instance;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;

import dev.dbaas.pipeline.status.order.InstanceId;

/**
 * Where the next page of instances starts: the sort key of the last instance of the
 * previous page (keyset pagination, newest first). Opaque to clients.
 *
 * @param createdAt when the last instance shown was ordered
 * @param instanceId the last instance shown
 */
public record InstanceCursor(Instant createdAt, InstanceId instanceId) {

	private static final String VERSION = "i1";

	public InstanceCursor {
		if (createdAt == null || instanceId == null) {
			throw new IllegalArgumentException("a cursor needs a time and an instance id");
		}
	}

	/**
	 * The opaque text form.
	 * @return URL-safe Base64 text
	 */
	public String encode() {
		String plain = VERSION + "\n" + this.createdAt + "\n" + this.instanceId.value();
		return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Reads the text form.
	 * @param text what {@link #encode()} returned
	 * @return the cursor
	 * @throws IllegalArgumentException if the text is not an instance cursor of this
	 * service
	 */
	public static InstanceCursor decode(String text) {
		try {
			String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
			String[] parts = plain.split("\n", -1);
			if (parts.length == 3 && VERSION.equals(parts[0])) {
				return new InstanceCursor(Instant.parse(parts[1]), new InstanceId(parts[2]));
			}
		}
		catch (IllegalArgumentException | DateTimeException ex) {
			// answered below
		}
		throw new IllegalArgumentException("not a cursor of this list; pass nextCursor of the previous page unchanged");
	}

}
