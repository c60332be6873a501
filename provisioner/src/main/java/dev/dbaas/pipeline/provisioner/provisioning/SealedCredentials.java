package dev.dbaas.pipeline.provisioner.provisioning;

import java.util.Objects;

/**
 * A database's admin credentials, sealed for the one service that may reveal them: what
 * the DONE event carries instead of the secret. See
 * docs/decisions/0032-sealed-admin-credentials.md.
 *
 * @param keyId which public key sealed them
 * @param sealed the ciphertext (JWE compact serialization)
 */
public record SealedCredentials(String keyId, String sealed) {

	public SealedCredentials {
		Objects.requireNonNull(keyId, "keyId");
		Objects.requireNonNull(sealed, "sealed");
	}

	@Override
	public String toString() {
		return "SealedCredentials[keyId=" + this.keyId + "]";
	}

}
