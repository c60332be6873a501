package dev.dbaas.pipeline.intake.idempotency;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What a first request with a key produced, kept to answer its retries.
 *
 * @param requestFingerprint digest of what the first request asked for
 * @param resourceId id of what it created (the order)
 * @param createdAt when it was created
 */
public record RememberedOutcome(String requestFingerprint, UUID resourceId, Instant createdAt) {

	public RememberedOutcome {
		Objects.requireNonNull(requestFingerprint, "requestFingerprint");
		Objects.requireNonNull(resourceId, "resourceId");
		Objects.requireNonNull(createdAt, "createdAt");
	}

}
