package dev.dbaas.pipeline.provisioner.local.tls;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The local backend's certificate authority: an RSA key and a self-signed certificate in
 * one directory, created on first use and loaded on every later one, that signs a server
 * certificate per instance.
 *
 * <p>
 * The key file is readable by its owner only. Thread-safe; creation is guarded by the
 * caller holding the base directory (two authorities over one directory must not create
 * the files concurrently).
 */
public final class CertificateAuthority {

	private static final String SIGNATURE = "SHA256withRSA";

	private static final Duration CA_VALIDITY = Duration.ofDays(3650);

	private static final Duration SERVER_VALIDITY = Duration.ofDays(825);

	private static final SecureRandom RANDOM = new SecureRandom();

	private final X509Certificate certificate;

	private final PrivateKey key;

	private final String certificatePem;

	private final Clock clock;

	private CertificateAuthority(X509Certificate certificate, PrivateKey key, Clock clock) {
		this.certificate = certificate;
		this.key = key;
		this.certificatePem = pem(certificate);
		this.clock = clock;
	}

	/**
	 * Loads the authority from {@code directory}, creating its key and certificate there
	 * if they do not exist yet.
	 * @param directory where {@code ca.key} and {@code ca.crt} live
	 * @param clock the time certificates start from
	 * @return the authority
	 * @throws IOException if the files cannot be read or written
	 */
	public static CertificateAuthority openOrCreate(Path directory, Clock clock) throws IOException {
		Path certFile = directory.resolve("ca.crt");
		Path keyFile = directory.resolve("ca.key");
		if (Files.exists(certFile) && Files.exists(keyFile)) {
			return new CertificateAuthority(readCertificate(certFile), readKey(keyFile), clock);
		}
		Files.createDirectories(directory);
		KeyPair pair = rsaKeyPair();
		X500Name subject = new X500Name("CN=DBaaS local backend CA,O=DBaaS pipeline");
		Instant now = clock.instant();
		try {
			JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
			X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(),
					Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(CA_VALIDITY)), subject,
					pair.getPublic())
				.addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
				.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
				.addExtension(Extension.subjectKeyIdentifier, false,
						extensions.createSubjectKeyIdentifier(pair.getPublic()));
			X509Certificate certificate = sign(builder, pair.getPrivate());
			writeOwnerOnly(keyFile, pem(pair.getPrivate()));
			writeAtomically(certFile, pem(certificate));
			return new CertificateAuthority(certificate, pair.getPrivate(), clock);
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new IOException("could not create the local CA in " + directory, ex);
		}
	}

	/**
	 * The authority's certificate, for clients to verify servers against.
	 * @return PEM text
	 */
	public String certificatePem() {
		return this.certificatePem;
	}

	/**
	 * The authority's certificate.
	 * @return the certificate
	 */
	public X509Certificate certificate() {
		return this.certificate;
	}

	/**
	 * Issues a server certificate for {@code 127.0.0.1} and {@code localhost} and writes
	 * it, its key (owner-only) and the CA certificate into {@code directory}, unless they
	 * are there already.
	 * @param directory the instance's TLS directory
	 * @param commonName the certificate's common name, e.g. the order id
	 * @return where the files are
	 * @throws IOException if they cannot be written
	 */
	public ServerCertificate issueServerCertificate(Path directory, String commonName) throws IOException {
		ServerCertificate files = ServerCertificate.in(directory);
		if (Files.exists(files.certificate()) && Files.exists(files.key()) && Files.exists(files.caCertificate())) {
			return files;
		}
		Files.createDirectories(directory);
		KeyPair pair = rsaKeyPair();
		Instant now = this.clock.instant();
		try {
			JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
			X500Name issuer = X500Name.getInstance(this.certificate.getSubjectX500Principal().getEncoded());
			X500Name subject = new X500Name("CN=" + commonName.replaceAll("[^A-Za-z0-9.-]", "-") + ",O=DBaaS pipeline");
			GeneralNames names = new GeneralNames(
					new GeneralName[] { new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
							new GeneralName(GeneralName.dNSName, "localhost") });
			X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, serial(),
					Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(SERVER_VALIDITY)), subject,
					pair.getPublic())
				.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
				.addExtension(Extension.keyUsage, true,
						new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
				.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
				.addExtension(Extension.subjectAlternativeName, false, names)
				.addExtension(Extension.subjectKeyIdentifier, false,
						extensions.createSubjectKeyIdentifier(pair.getPublic()))
				.addExtension(Extension.authorityKeyIdentifier, false,
						extensions.createAuthorityKeyIdentifier(this.certificate));
			X509Certificate certificate = sign(builder, this.key);
			writeOwnerOnly(files.key(), pem(pair.getPrivate()));
			writeAtomically(files.caCertificate(), this.certificatePem);
			writeAtomically(files.certificate(), pem(certificate));
			return files;
		}
		catch (GeneralSecurityException ex) {
			throw new IOException("could not issue a server certificate for " + commonName, ex);
		}
	}

	private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
			throws GeneralSecurityException {
		try {
			ContentSigner signer = new JcaContentSignerBuilder(SIGNATURE).build(key);
			X509CertificateHolder holder = builder.build(signer);
			return new JcaX509CertificateConverter().getCertificate(holder);
		}
		catch (OperatorCreationException ex) {
			throw new GeneralSecurityException("no signer for " + SIGNATURE, ex);
		}
	}

	private static KeyPair rsaKeyPair() throws IOException {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048, RANDOM);
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IOException("no RSA key generator", ex);
		}
	}

	private static BigInteger serial() {
		return new BigInteger(127, RANDOM).add(BigInteger.ONE);
	}

	private static X509Certificate readCertificate(Path file) throws IOException {
		try (Reader reader = Files.newBufferedReader(file); PEMParser parser = new PEMParser(reader)) {
			Object object = parser.readObject();
			if (!(object instanceof X509CertificateHolder holder)) {
				throw new IOException(file + " holds no certificate");
			}
			return new JcaX509CertificateConverter().getCertificate(holder);
		}
		catch (GeneralSecurityException ex) {
			throw new IOException("cannot read " + file, ex);
		}
	}

	private static PrivateKey readKey(Path file) throws IOException {
		try (Reader reader = Files.newBufferedReader(file); PEMParser parser = new PEMParser(reader)) {
			Object object = parser.readObject();
			JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
			if (object instanceof PEMKeyPair pair) {
				return converter.getKeyPair(pair).getPrivate();
			}
			if (object instanceof org.bouncycastle.asn1.pkcs.PrivateKeyInfo info) {
				return converter.getPrivateKey(info);
			}
			throw new IOException(file + " holds no private key");
		}
	}

	static String pem(Object object) {
		StringWriter text = new StringWriter();
		try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
			writer.writeObject(object);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return text.toString();
	}

	private static void writeOwnerOnly(Path file, String content) throws IOException {
		Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
		Files.deleteIfExists(temporary);
		Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		Files.writeString(temporary, content, StandardCharsets.US_ASCII);
		Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
	}

	private static void writeAtomically(Path file, String content) throws IOException {
		Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
		Files.writeString(temporary, content, StandardCharsets.US_ASCII);
		Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
	}

}
