package dev.dbaas.pipeline.status.order;

/**
 * An instance's admin credentials as the provisioner sealed them for this service:
 * ciphertext, which only the holder of the private key opens. {@link #toString()} never
 * shows the sealed value.
 *
 * @param keyId thumbprint of the public key they were sealed for
 * @param sealed the sealed value (JWE compact serialization)
 */
public record SealedCredentials(String keyId, String sealed) {

	/** Longest accepted sealed value; a sealed login is well under 1 KB. */
	static final int MAX_SEALED_LENGTH = 16_384;

	public SealedCredentials {
		Text.require("credentials.keyId", keyId, 100);
		Text.require("credentials.sealed", sealed, MAX_SEALED_LENGTH);
	}

	@Override
	public String toString() {
		return "SealedCredentials[keyId=" + this.keyId + "]";
	}

}
