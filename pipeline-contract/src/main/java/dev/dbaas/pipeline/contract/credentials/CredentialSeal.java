package dev.dbaas.pipeline.contract.credentials;

import java.text.ParseException;
import java.util.Map;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jose.jwk.RSAKey;

/**
 * Seals admin credentials for the service that holds the private half of an RSA key
 * (status-service), as JWE (RSA-OAEP-256, A256GCM). The instance id travels in the
 * authenticated header, so a sealed value copied onto another instance does not open. See
 * docs/decisions/0032-sealed-admin-credentials.md. Thread-safe.
 */
public final class CredentialSeal {

	/** The protected header parameter that binds the sealed value to its instance. */
	public static final String INSTANCE_HEADER = "dbaas-instance";

	private final RSAKey recipient;

	private final String keyId;

	private CredentialSeal(RSAKey recipient) throws JOSEException {
		this.recipient = recipient;
		this.keyId = recipient.computeThumbprint().toString();
	}

	/**
	 * A seal for the public key in a PEM text.
	 * @param pem an X.509 {@code PUBLIC KEY} of an RSA key
	 * @return the seal
	 * @throws IllegalArgumentException if the text holds no RSA public key
	 */
	public static CredentialSeal forPublicKey(String pem) {
		try {
			return new CredentialSeal(RsaPem.publicKey(pem));
		}
		catch (JOSEException ex) {
			throw new IllegalArgumentException("not a PEM-encoded RSA public key: " + ex.getMessage(), ex);
		}
	}

	/**
	 * The thumbprint of the key this seal encrypts for.
	 * @return RFC 7638 thumbprint, base64url
	 */
	public String keyId() {
		return this.keyId;
	}

	/**
	 * Seals credentials of one instance.
	 * @param instanceId the instance they belong to
	 * @param credentials the credentials
	 * @return the sealed value
	 */
	public SealedCredential seal(String instanceId, AdminCredentials credentials) {
		JWEHeader header = new JWEHeader.Builder(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A256GCM).keyID(this.keyId)
			.customParam(INSTANCE_HEADER, instanceId)
			.build();
		JWEObject jwe = new JWEObject(header,
				new Payload(Map.of("username", credentials.username(), "password", credentials.password())));
		try {
			jwe.encrypt(new RSAEncrypter(this.recipient));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("cannot seal credentials: " + ex.getMessage(), ex);
		}
		return new SealedCredential(this.keyId, jwe.serialize());
	}

	static JWEObject parse(String sealed) throws CredentialsUnreadable {
		try {
			return JWEObject.parse(sealed);
		}
		catch (ParseException ex) {
			throw new CredentialsUnreadable("sealed credentials are not a JWE object", ex);
		}
	}

}
