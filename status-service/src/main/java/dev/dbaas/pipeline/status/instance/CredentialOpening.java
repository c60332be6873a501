package dev.dbaas.pipeline.status.instance;

import dev.dbaas.pipeline.status.order.InstanceId;
import dev.dbaas.pipeline.status.order.SealedCredentials;

/**
 * Opens sealed credentials with this service's private key. Thread-safe.
 */
public interface CredentialOpening {

	/**
	 * Opens the credentials of one instance.
	 * @param instanceId the instance they must belong to
	 * @param sealed what the provisioner sealed
	 * @return the login
	 * @throws CredentialsUnavailableException if no key is configured, or the value was
	 * sealed for another key or instance, or is damaged; the message never holds the
	 * secret
	 */
	AdminLogin open(InstanceId instanceId, SealedCredentials sealed);

}
