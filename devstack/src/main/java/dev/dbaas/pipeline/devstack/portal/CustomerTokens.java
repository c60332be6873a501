package dev.dbaas.pipeline.devstack.portal;

import java.time.Duration;

/**
 * Mints the bearer token the portal forwards for a signed-in customer: a token bound to
 * that customer (its {@code customer_id} claim), so that the APIs let the portal act for
 * that one customer only. The launcher's is its local token issuer.
 */
@FunctionalInterface
public interface CustomerTokens {

	/**
	 * A new token for one customer.
	 * @param customerId the signed-in customer
	 * @param lifetime how long the token is valid
	 * @return the compact token, without {@code Bearer}
	 */
	String issue(String customerId, Duration lifetime);

}
