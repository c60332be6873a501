package dev.dbaas.pipeline.intake.idempotency;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * What a first request with a key produced, kept to answer its retries.
 *
 * @param requestFingerprint digest of what the first request asked for
 * @param resourceId id of what it created (the order)
 * @param instanceId id of the instance the order creates; {@code null} for keys
 * remembered before instances had ids
 * @param createdAt when it was created
 */
public record RememberedOutcome(String requestFingerprint, UUID resourceId, @Nullable String instanceId,
		Instant createdAt) {

	public RememberedOutcome {
		Objects.requireNonNull(requestFingerprint, "requestFingerprint");
		Objects.requireNonNull(resourceId, "resourceId");
		Objects.requireNonNull(createdAt, "createdAt");
	}

}
