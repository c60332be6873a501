package dev.dbaas.pipeline.intake.idempotency;

import java.util.List;
import java.util.Map;

/**
 * Idempotency keys, each scoped to a client and a customer ({@link IdempotencyScope}).
 * Every method joins the caller's transaction and handles many keys at once, so that one
 * transaction can place a group of orders.
 */
public interface IdempotencyKeys {

	/**
	 * Takes the keys for the current transaction, so that a concurrent request with the
	 * same scope and key knows it is still being processed. Released at commit or
	 * rollback. Does not wait for a key another transaction holds.
	 * @param keys distinct keys
	 * @return for each key, in order, {@code false} if another transaction holds it right
	 * now
	 */
	boolean[] tryLock(List<ScopedKey> keys);

	/**
	 * The remembered outcomes of earlier requests with these keys, unless they expired.
	 * Call after {@link #tryLock}, in a later statement, so that an outcome committed by
	 * the previous holder of a key is seen.
	 * @param keys the keys
	 * @return the outcome of each key that has one
	 */
	Map<ScopedKey, RememberedOutcome> find(List<ScopedKey> keys);

	/**
	 * Remembers the outcome of requests for the configured retention.
	 * @param outcomes what each request produced, by its key
	 * @throws KeyAlreadyUsedException if an unexpired outcome is already stored for one
	 * of the keys
	 */
	void remember(Map<ScopedKey, RememberedOutcome> outcomes);

	/**
	 * The key was used by a request this one did not see: it lost a race.
	 */
	class KeyAlreadyUsedException extends RuntimeException {

		public KeyAlreadyUsedException(ScopedKey key) {
			super("idempotency key " + key + " is already used");
		}

	}

}
