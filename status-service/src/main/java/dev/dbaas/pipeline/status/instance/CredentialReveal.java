package dev.dbaas.pipeline.status.instance;

import java.time.Instant;

import dev.dbaas.pipeline.status.order.InstanceId;
import org.jspecify.annotations.Nullable;

/**
 * One reveal of an instance's credentials, as the instance's history keeps it: who and
 * when, never the secret.
 *
 * @param instanceId the instance
 * @param at when
 * @param clientId the token's client
 * @param customerId the token's customer, or {@code null} for a service token
 */
public record CredentialReveal(InstanceId instanceId, Instant at, String clientId, @Nullable String customerId) {

	public CredentialReveal {
		if (instanceId == null || at == null || clientId == null || clientId.isBlank()) {
			throw new IllegalArgumentException("a reveal has an instance, a time and a client");
		}
	}

}
