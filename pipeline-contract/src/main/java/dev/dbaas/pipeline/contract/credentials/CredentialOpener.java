package dev.dbaas.pipeline.contract.credentials;

import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.crypto.RSADecrypter;
import com.nimbusds.jose.jwk.RSAKey;

/**
 * Opens what a {@link CredentialSeal} sealed for this private key. Only the service that
 * reveals credentials to customers holds one. Thread-safe.
 */
public final class CredentialOpener {

	private final RSAKey key;

	private final String keyId;

	private CredentialOpener(RSAKey key) throws JOSEException {
		this.key = key;
		this.keyId = key.toPublicJWK().computeThumbprint().toString();
	}

	/**
	 * An opener for the private key in a PEM text.
	 * @param pem a PKCS#8 {@code PRIVATE KEY} of an RSA key
	 * @return the opener
	 * @throws IllegalArgumentException if the text holds no RSA private key
	 */
	public static CredentialOpener forPrivateKey(String pem) {
		try {
			return new CredentialOpener(RsaPem.privateKey(pem));
		}
		catch (JOSEException ex) {
			throw new IllegalArgumentException("not a PEM-encoded RSA private key: " + ex.getMessage(), ex);
		}
	}

	/**
	 * The thumbprint of the matching public key.
	 * @return RFC 7638 thumbprint, base64url
	 */
	public String keyId() {
		return this.keyId;
	}

	/**
	 * Opens sealed credentials of one instance.
	 * @param instanceId the instance they must belong to
	 * @param sealed what was sealed
	 * @return the credentials
	 * @throws CredentialsUnreadable if they were sealed for another key or instance, or
	 * are damaged
	 */
	public AdminCredentials open(String instanceId, SealedCredential sealed) throws CredentialsUnreadable {
		if (!this.keyId.equals(sealed.keyId())) {
			throw new CredentialsUnreadable("sealed for key " + sealed.keyId() + ", this service holds " + this.keyId);
		}
		JWEObject jwe = CredentialSeal.parse(sealed.sealed());
		if (!instanceId.equals(jwe.getHeader().getCustomParam(CredentialSeal.INSTANCE_HEADER))) {
			throw new CredentialsUnreadable("sealed for another instance than " + instanceId);
		}
		try {
			jwe.decrypt(new RSADecrypter(this.key));
		}
		catch (JOSEException | IllegalStateException ex) {
			throw new CredentialsUnreadable("sealed credentials do not open with this key", ex);
		}
		Map<String, Object> json = jwe.getPayload().toJSONObject();
		if (json == null || !(json.get("username") instanceof String username)
				|| !(json.get("password") instanceof String password)) {
			throw new CredentialsUnreadable("sealed credentials lack a username or password");
		}
		return new AdminCredentials(username, password);
	}

}
