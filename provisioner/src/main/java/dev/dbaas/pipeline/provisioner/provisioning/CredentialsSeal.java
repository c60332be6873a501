package dev.dbaas.pipeline.provisioner.provisioning;

import java.util.Optional;

/**
 * Seals the admin credentials of a provisioned database for the service that reveals them
 * to the customer. Thread-safe.
 */
public interface CredentialsSeal {

	/** Seals nothing: the DONE event then carries no credentials. */
	CredentialsSeal NONE = (order) -> Optional.empty();

	/**
	 * The sealed admin credentials of an order's database.
	 * @param order a provisioned order
	 * @return the sealed credentials, or empty when the backend keeps none or no sealing
	 * key is configured
	 */
	Optional<SealedCredentials> sealFor(DatabaseOrder order);

}
