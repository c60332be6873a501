package dev.dbaas.pipeline.intake.idempotency;

import java.util.Optional;

/**
 * Idempotency keys, each scoped to a client and a customer ({@link IdempotencyScope}).
 * Every method joins the caller's transaction.
 */
public interface IdempotencyKeys {

	/**
	 * Takes the key for the current transaction, so that a concurrent request with the
	 * same scope and key knows it is still being processed. Released at commit or
	 * rollback.
	 * @param scope the client and customer
	 * @param key the key
	 * @return {@code false} if another transaction holds it right now
	 */
	boolean tryLock(IdempotencyScope scope, IdempotencyKey key);

	/**
	 * The remembered outcome of an earlier request with this key, unless it expired.
	 * @param scope the client and customer
	 * @param key the key
	 * @return the outcome, if any
	 */
	Optional<RememberedOutcome> find(IdempotencyScope scope, IdempotencyKey key);

	/**
	 * Remembers the outcome of a request for the configured retention.
	 * @param scope the client and customer
	 * @param key the key
	 * @param outcome what the request produced
	 * @throws KeyAlreadyUsedException if an unexpired outcome is already stored
	 */
	void remember(IdempotencyScope scope, IdempotencyKey key, RememberedOutcome outcome);

	/**
	 * The key was used by a request this one did not see: it lost a race.
	 */
	class KeyAlreadyUsedException extends RuntimeException {

		public KeyAlreadyUsedException(IdempotencyScope scope, IdempotencyKey key) {
			super("idempotency key " + key + " of " + scope + " is already used");
		}

	}

}
