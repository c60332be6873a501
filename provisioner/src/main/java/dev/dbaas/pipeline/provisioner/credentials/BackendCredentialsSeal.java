package dev.dbaas.pipeline.provisioner.credentials;

import java.util.Objects;
import java.util.Optional;

import dev.dbaas.pipeline.contract.credentials.CredentialSeal;
import dev.dbaas.pipeline.contract.credentials.SealedCredential;
import dev.dbaas.pipeline.provisioner.provisioning.CredentialsSeal;
import dev.dbaas.pipeline.provisioner.provisioning.DatabaseOrder;
import dev.dbaas.pipeline.provisioner.provisioning.ProvisioningBackend;
import dev.dbaas.pipeline.provisioner.provisioning.SealedCredentials;

/**
 * Reads the admin credentials the backend created and seals them, bound to the order's
 * instance id, with status-service's public key. The plaintext lives only inside
 * {@link #sealFor(DatabaseOrder)}. Thread-safe.
 */
public final class BackendCredentialsSeal implements CredentialsSeal {

	private final ProvisioningBackend backend;

	private final CredentialSeal seal;

	/**
	 * Creates the seal.
	 * @param backend where the credentials are kept
	 * @param seal encrypts for status-service
	 */
	public BackendCredentialsSeal(ProvisioningBackend backend, CredentialSeal seal) {
		this.backend = Objects.requireNonNull(backend, "backend");
		this.seal = Objects.requireNonNull(seal, "seal");
	}

	@Override
	public Optional<SealedCredentials> sealFor(DatabaseOrder order) {
		return this.backend.adminCredentials(order).map((credentials) -> {
			SealedCredential sealed = this.seal.seal(order.instanceId(), credentials);
			return new SealedCredentials(sealed.keyId(), sealed.sealed());
		});
	}

}
