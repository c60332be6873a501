package dev.dbaas.pipeline.status.instance.config;

import dev.dbaas.pipeline.contract.credentials.AdminCredentials;
import dev.dbaas.pipeline.contract.credentials.CredentialOpener;
import dev.dbaas.pipeline.contract.credentials.CredentialsUnreadable;
import dev.dbaas.pipeline.contract.credentials.SealedCredential;
import dev.dbaas.pipeline.status.instance.AdminLogin;
import dev.dbaas.pipeline.status.instance.CredentialOpening;
import dev.dbaas.pipeline.status.instance.CredentialsUnavailableException;
import dev.dbaas.pipeline.status.order.InstanceId;
import dev.dbaas.pipeline.status.order.SealedCredentials;
import org.jspecify.annotations.Nullable;

/**
 * Opens sealed credentials with the contract's {@link CredentialOpener} for the private
 * key of {@code status.credentials.private-key}, or refuses every one when no key is
 * configured. Thread-safe.
 */
class PrivateKeyOpening implements CredentialOpening {

	private final @Nullable CredentialOpener opener;

	PrivateKeyOpening(@Nullable CredentialOpener opener) {
		this.opener = opener;
	}

	@Override
	public AdminLogin open(InstanceId instanceId, SealedCredentials sealed) {
		if (this.opener == null) {
			throw new CredentialsUnavailableException(instanceId, "This service holds no private key to open the "
					+ "credentials of instance " + instanceId + " (status.credentials.private-key is not set).");
		}
		try {
			AdminCredentials opened = this.opener.open(instanceId.value(),
					new SealedCredential(sealed.keyId(), sealed.sealed()));
			return new AdminLogin(opened.username(), opened.password());
		}
		catch (CredentialsUnreadable ex) {
			throw new CredentialsUnavailableException(instanceId,
					"The credentials of instance " + instanceId + " do not open: they were sealed for key "
							+ sealed.keyId() + ", this service holds key " + this.opener.keyId() + " ("
							+ ex.getMessage() + ").");
		}
	}

}
