package dev.dbaas.pipeline.status.instance;

import org.jspecify.annotations.Nullable;

/**
 * Who asks for an instance's credentials, and by what right.
 *
 * @param clientId the token's client
 * @param customerId the customer the token is bound to, or {@code null} for a service
 * token
 * @param right what the token allows
 */
public record Requester(String clientId, @Nullable String customerId, Right right) {

	public Requester {
		if (clientId == null || clientId.isBlank() || right == null) {
			throw new IllegalArgumentException("a requester has a client and a right");
		}
		if ((right == Right.OWN_INSTANCES) != (customerId != null)) {
			throw new IllegalArgumentException("exactly a customer token reveals its own instances");
		}
	}

	/**
	 * Whose instances the requester may look up at all.
	 * @return the customer's, for a customer token; every customer's otherwise
	 */
	public InstanceReader reader() {
		return new InstanceReader(this.customerId);
	}

	/**
	 * What a token allows about credentials.
	 */
	public enum Right {

		/** A customer token: its own customer's instances. */
		OWN_INSTANCES,

		/** A service token with the credentials scope: any customer's instances. */
		ANY_INSTANCE,

		/** A service token without the credentials scope. */
		NONE,

		/** An ops token: never, whatever else it carries. */
		OPS

	}

}
