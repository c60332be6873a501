package dev.dbaas.pipeline.status.instance;

import dev.dbaas.pipeline.status.order.InstanceId;

/**
 * A running instance's credentials cannot be revealed: none were sealed for it, this
 * service holds no private key, or the sealed value does not open with it. The message
 * says which, never the secret.
 */
public class CredentialsUnavailableException extends RuntimeException {

	private final InstanceId instanceId;

	public CredentialsUnavailableException(InstanceId instanceId, String reason) {
		super(reason);
		this.instanceId = instanceId;
	}

	public InstanceId instanceId() {
		return this.instanceId;
	}

}
