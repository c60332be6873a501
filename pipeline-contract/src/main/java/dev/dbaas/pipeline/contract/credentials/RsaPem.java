package dev.dbaas.pipeline.contract.credentials;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nimbusds.jose.jwk.RSAKey;

/**
 * Reads RSA keys from PEM text with the JDK alone: {@code PUBLIC KEY} (X.509) and
 * {@code PRIVATE KEY} (PKCS#8), the forms that {@code openssl genpkey} and the launcher
 * write.
 */
final class RsaPem {

	private static final Pattern BLOCK = Pattern
		.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

	private RsaPem() {
	}

	static RSAKey publicKey(String pem) {
		byte[] der = block(pem, "PUBLIC KEY");
		try {
			RSAPublicKey key = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
			return new RSAKey.Builder(key).build();
		}
		catch (GeneralSecurityException | ClassCastException ex) {
			throw new IllegalArgumentException("not an RSA public key: " + ex.getMessage(), ex);
		}
	}

	static RSAKey privateKey(String pem) {
		byte[] der = block(pem, "PRIVATE KEY");
		try {
			KeyFactory rsa = KeyFactory.getInstance("RSA");
			RSAPrivateCrtKey key = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(der));
			RSAPublicKey pub = (RSAPublicKey) rsa
				.generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
			return new RSAKey.Builder(pub).privateKey(key).build();
		}
		catch (GeneralSecurityException | ClassCastException ex) {
			throw new IllegalArgumentException("not an RSA private key: " + ex.getMessage(), ex);
		}
	}

	private static byte[] block(String pem, String type) {
		Matcher matcher = BLOCK.matcher(pem);
		while (matcher.find()) {
			if (matcher.group(1).equals(type)) {
				return Base64.getMimeDecoder().decode(matcher.group(2));
			}
		}
		throw new IllegalArgumentException("no PEM block '" + type + "' found");
	}

}
