package dev.dbaas.pipeline.contract.credentials;

import java.util.Objects;

/**
 * Credentials sealed for the holder of one private key: what travels in
 * {@code OrderStatusChanged.credentials} and what status-service keeps.
 *
 * @param keyId thumbprint (RFC 7638) of the public key that sealed them
 * @param sealed JWE compact serialization, RSA-OAEP-256 with A256GCM, bound to the
 * instance id in its protected header
 */
public record SealedCredential(String keyId, String sealed) {

	public SealedCredential {
		Objects.requireNonNull(keyId, "keyId");
		Objects.requireNonNull(sealed, "sealed");
	}

	@Override
	public String toString() {
		return "SealedCredential[keyId=" + this.keyId + "]";
	}

}
