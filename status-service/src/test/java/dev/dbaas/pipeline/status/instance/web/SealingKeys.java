package dev.dbaas.pipeline.status.instance.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import dev.dbaas.pipeline.contract.credentials.AdminCredentials;
import dev.dbaas.pipeline.contract.credentials.CredentialSeal;
import dev.dbaas.pipeline.contract.credentials.SealedCredential;

/**
 * A test key pair for sealed credentials: the private half in a PEM file for
 * {@code status.credentials.private-key}, the public half sealing as the provisioner
 * does.
 */
final class SealingKeys {

	private final Path privateKeyFile;

	private final CredentialSeal seal;

	private SealingKeys(Path privateKeyFile, CredentialSeal seal) {
		this.privateKeyFile = privateKeyFile;
		this.seal = seal;
	}

	static SealingKeys generate() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			KeyPair pair = generator.generateKeyPair();
			Path file = Files.createTempFile("status-credentials-", ".pem");
			file.toFile().deleteOnExit();
			Files.writeString(file, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
			return new SealingKeys(file, CredentialSeal.forPublicKey(pem("PUBLIC KEY", pair.getPublic().getEncoded())));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	String privateKeyLocation() {
		return this.privateKeyFile.toUri().toString();
	}

	SealedCredential seal(String instanceId, String username, String password) {
		return this.seal.seal(instanceId, new AdminCredentials(username, password));
	}

	private static String pem(String type, byte[] der) {
		return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
				+ "\n-----END " + type + "-----\n";
	}

}
