package dev.dbaas.pipeline.provisioner.local.tls;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local CA: created once, loaded afterwards, and signing server certificates for
 * {@code 127.0.0.1} and {@code localhost} with owner-only keys.
 */
class CertificateAuthorityTest {

	@TempDir
	Path directory;

	@Test
	void isCreatedOnceAndLoadedAfterwards() throws Exception {
		CertificateAuthority created = CertificateAuthority.openOrCreate(this.directory.resolve("ca"),
				Clock.systemUTC());
		CertificateAuthority loaded = CertificateAuthority.openOrCreate(this.directory.resolve("ca"),
				Clock.systemUTC());

		assertThat(loaded.certificatePem()).isEqualTo(created.certificatePem());
		assertThat(created.certificate().getBasicConstraints()).isGreaterThanOrEqualTo(0);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(this.directory.resolve("ca/ca.key"))))
			.isEqualTo("rw-------");
	}

	@Test
	void signsServerCertificatesForTheLoopbackAddressAndLocalhost() throws Exception {
		CertificateAuthority ca = CertificateAuthority.openOrCreate(this.directory.resolve("ca"), Clock.systemUTC());

		ServerCertificate files = ca.issueServerCertificate(this.directory.resolve("tls"), "order-1");

		X509Certificate server = read(files.certificate());
		server.verify(ca.certificate().getPublicKey());
		server.checkValidity();
		assertThat(server.getSubjectAlternativeNames().stream().map((name) -> String.valueOf(name.get(1))))
			.containsExactlyInAnyOrder("127.0.0.1", "localhost");
		assertThat(server.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
		assertThat(server.getBasicConstraints()).isEqualTo(-1);
		assertThat(Files.readString(files.caCertificate())).isEqualTo(ca.certificatePem());
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(files.key()))).isEqualTo("rw-------");
	}

	@Test
	void keepsAnIssuedCertificateWhenAskedAgain() throws Exception {
		CertificateAuthority ca = CertificateAuthority.openOrCreate(this.directory.resolve("ca"), Clock.systemUTC());
		ServerCertificate first = ca.issueServerCertificate(this.directory.resolve("tls"), "order-1");
		List<String> before = Files.readAllLines(first.certificate());

		ca.issueServerCertificate(this.directory.resolve("tls"), "order-1");

		assertThat(Files.readAllLines(first.certificate())).isEqualTo(before);
	}

	private static X509Certificate read(Path file) throws Exception {
		return (X509Certificate) CertificateFactory.getInstance("X.509")
			.generateCertificate(new ByteArrayInputStream(Files.readAllBytes(file)));
	}

}
