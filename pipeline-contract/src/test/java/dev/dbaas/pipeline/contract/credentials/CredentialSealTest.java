package dev.dbaas.pipeline.contract.credentials;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CredentialSealTest {

	private static final AdminCredentials ADMIN = new AdminCredentials("dbaas_admin", "s3cr3t-Pa55w0rd-value");

	private static KeyPair status;

	private static KeyPair other;

	@BeforeAll
	static void keys() throws NoSuchAlgorithmException {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		status = generator.generateKeyPair();
		other = generator.generateKeyPair();
	}

	@Test
	void opensWhatWasSealedForItsKeyAndInstance() throws CredentialsUnreadable {
		SealedCredential sealed = seal(status).seal("db-0123456789ab", ADMIN);

		AdminCredentials opened = opener(status).open("db-0123456789ab", sealed);

		assertThat(opened).isEqualTo(ADMIN);
		assertThat(sealed.keyId()).isEqualTo(opener(status).keyId());
	}

	@Test
	void sealedValueHoldsNoPlaintext() {
		SealedCredential sealed = seal(status).seal("db-0123456789ab", ADMIN);

		assertThat(sealed.sealed()).doesNotContain(ADMIN.password()).doesNotContain(ADMIN.username());
		assertThat(decodedParts(sealed.sealed())).doesNotContain(ADMIN.password());
		assertThat(sealed.toString()).doesNotContain(sealed.sealed());
		assertThat(ADMIN.toString()).doesNotContain(ADMIN.password());
	}

	@Test
	void refusesValueSealedForAnotherKey() {
		SealedCredential sealed = seal(other).seal("db-0123456789ab", ADMIN);

		assertThatExceptionOfType(CredentialsUnreadable.class)
			.isThrownBy(() -> opener(status).open("db-0123456789ab", sealed))
			.withMessageContaining("sealed for key");
	}

	@Test
	void refusesValueCopiedOntoAnotherInstance() {
		SealedCredential sealed = seal(status).seal("db-0123456789ab", ADMIN);

		assertThatExceptionOfType(CredentialsUnreadable.class)
			.isThrownBy(() -> opener(status).open("db-ba9876543210", sealed))
			.withMessageContaining("another instance");
	}

	@Test
	void refusesDamagedValue() {
		SealedCredential sealed = seal(status).seal("db-0123456789ab", ADMIN);
		String[] parts = sealed.sealed().split("\\.");
		parts[3] = parts[3].substring(0, parts[3].length() - 2) + (parts[3].endsWith("AA") ? "BB" : "AA");
		SealedCredential damaged = new SealedCredential(sealed.keyId(), String.join(".", parts));

		assertThatExceptionOfType(CredentialsUnreadable.class)
			.isThrownBy(() -> opener(status).open("db-0123456789ab", damaged));
		assertThatExceptionOfType(CredentialsUnreadable.class).isThrownBy(
				() -> opener(status).open("db-0123456789ab", new SealedCredential(sealed.keyId(), "not-a-jwe")));
	}

	@Test
	void refusesTextWithoutAKey() {
		assertThatIllegalArgumentException().isThrownBy(() -> CredentialSeal.forPublicKey("hello"))
			.withMessageContaining("PUBLIC KEY");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CredentialOpener.forPrivateKey(pem("PUBLIC KEY", status.getPublic().getEncoded())))
			.withMessageContaining("PRIVATE KEY");
	}

	static CredentialSeal seal(KeyPair pair) {
		return CredentialSeal.forPublicKey(pem("PUBLIC KEY", pair.getPublic().getEncoded()));
	}

	static CredentialOpener opener(KeyPair pair) {
		return CredentialOpener.forPrivateKey(pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
	}

	static String pem(String type, byte[] der) {
		return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
				+ "\n-----END " + type + "-----\n";
	}

	private static String decodedParts(String compact) {
		StringBuilder all = new StringBuilder();
		for (String part : compact.split("\\.")) {
			try {
				all.append(new String(Base64.getUrlDecoder().decode(part)));
			}
			catch (IllegalArgumentException ex) {
				// not every part is valid base64url text; the check is about the ones
				// that are
			}
		}
		return all.toString();
	}

}
