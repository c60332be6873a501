package dev.dbaas.pipeline.intake.idempotency;

import java.util.Objects;

/**
 * An idempotency key within its scope: what a request is recognised by when it is
 * retried.
 *
 * @param scope the client and customer
 * @param key the key
 */
public record ScopedKey(IdempotencyScope scope, IdempotencyKey key) {

	public ScopedKey {
		Objects.requireNonNull(scope, "scope");
		Objects.requireNonNull(key, "key");
	}

	@Override
	public String toString() {
		return this.scope + "/" + this.key;
	}

}
