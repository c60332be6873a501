package dev.dbaas.pipeline.security.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.UUID;

/**
 * An RSA key pair kept as two PEM files in a directory: the private key (PKCS#8, readable
 * by the owner only) and the public key (X.509). Created once; every later call, from
 * this process or another launcher at the same time, finds the same pair. For the local
 * launcher and tests: production keys come from the deployment's secrets.
 *
 * @param privateKey the private key file
 * @param publicKey the public key file
 */
public record LocalKeyPair(Path privateKey, Path publicKey) {

	/**
	 * The key pair in a directory, created there if there is none.
	 * @param directory where the files live
	 * @param privateFile name of the private key file
	 * @param publicFile name of the public key file
	 * @return the pair's files
	 * @throws UncheckedIOException if the directory cannot hold them
	 */
	public static LocalKeyPair inDirectory(Path directory, String privateFile, String publicFile) {
		LocalKeyPair pair = new LocalKeyPair(directory.resolve(privateFile), directory.resolve(publicFile));
		try {
			Files.createDirectories(directory);
			if (!Files.exists(pair.privateKey())) {
				pair.create();
			}
			return pair;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot keep the key pair " + privateFile + " in " + directory, ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("The JDK cannot generate RSA keys", ex);
		}
	}

	private void create() throws IOException, GeneralSecurityException {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		KeyPair pair = generator.generateKeyPair();
		Path temporary = this.privateKey
			.resolveSibling(this.privateKey.getFileName() + "." + UUID.randomUUID() + ".tmp");
		try {
			Files.createFile(temporary,
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		}
		catch (UnsupportedOperationException ex) {
			Files.createFile(temporary);
		}
		Files.writeString(temporary, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
		Files.writeString(this.publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
		try {
			Files.move(temporary, this.privateKey);
		}
		catch (FileAlreadyExistsException ex) {
			// Another launcher made one at the same time: use theirs.
			Files.deleteIfExists(temporary);
		}
	}

	static String pem(String type, byte[] der) {
		return "-----BEGIN " + type + "-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
				+ "\n-----END " + type + "-----\n";
	}

}
