package dev.dbaas.pipeline.intake.idempotency;

import java.util.Objects;

/**
 * Whose idempotency keys a key is looked up among: the authenticated client acting for a
 * customer. The same key sent by another client, or for another customer, is another key.
 *
 * @param clientId the authenticated client, e.g. {@code portal}
 * @param customerId the customer the order is for
 */
public record IdempotencyScope(String clientId, String customerId) {

	public IdempotencyScope {
		Objects.requireNonNull(clientId, "clientId");
		Objects.requireNonNull(customerId, "customerId");
	}

	@Override
	public String toString() {
		return this.clientId + "/" + this.customerId;
	}

}
