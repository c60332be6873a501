package dev.dbaas.pipeline.security.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.jspecify.annotations.Nullable;

/**
 * Signs tokens that a stack configured with {@link #serviceProperties()} accepts: RS256
 * with a local RSA key, issuer {@value #ISSUER}, audience {@value #AUDIENCE}. The key
 * lives in a directory ({@value #PRIVATE_KEY_FILE}, readable by the owner only, and
 * {@value #PUBLIC_KEY_FILE}), so that the launcher and its {@code token} command share
 * it.
 *
 * <p>
 * For the local launcher and tests only: production tokens come from the identity
 * provider named by {@code issuer-uri} or {@code jwk-set-uri}. Thread-safe.
 */
public final class LocalTokenIssuer {

	/** Issuer of local tokens. */
	public static final String ISSUER = "http://localhost:8080/devstack";

	/** Audience of the pipeline's APIs. */
	public static final String AUDIENCE = "dbaas-order-pipeline";

	/** The private key, PKCS#8 PEM. */
	public static final String PRIVATE_KEY_FILE = "jwt-signing-key.pem";

	/** The public key, X.509 PEM, as {@code public-key-location} reads it. */
	public static final String PUBLIC_KEY_FILE = "jwt-signing-key.pub.pem";

	private final RSAPrivateKey privateKey;

	private final RSAPublicKey publicKey;

	private final Path publicKeyFile;

	private final Clock clock;

	private LocalTokenIssuer(RSAPrivateKey privateKey, RSAPublicKey publicKey, Path publicKeyFile, Clock clock) {
		this.privateKey = privateKey;
		this.publicKey = publicKey;
		this.publicKeyFile = publicKeyFile;
		this.clock = clock;
	}

	/**
	 * The issuer whose key is in a directory, creating a new key there if there is none.
	 * @param directory where the key is kept
	 * @return the issuer
	 */
	public static LocalTokenIssuer inDirectory(Path directory) {
		Path privateFile = directory.resolve(PRIVATE_KEY_FILE);
		Path publicFile = directory.resolve(PUBLIC_KEY_FILE);
		LocalKeyPair.inDirectory(directory, PRIVATE_KEY_FILE, PUBLIC_KEY_FILE);
		try {
			KeyFactory rsa = KeyFactory.getInstance("RSA");
			RSAPrivateKey privateKey = (RSAPrivateKey) rsa
				.generatePrivate(new PKCS8EncodedKeySpec(pemBytes(Files.readString(privateFile))));
			RSAPublicKey publicKey = (RSAPublicKey) rsa
				.generatePublic(new X509EncodedKeySpec(pemBytes(Files.readString(publicFile))));
			return new LocalTokenIssuer(privateKey, publicKey, publicFile, Clock.systemUTC());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot keep the local signing key in " + directory, ex);
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			throw new IllegalStateException("The local signing key in " + directory + " is unreadable; delete "
					+ PRIVATE_KEY_FILE + " and " + PUBLIC_KEY_FILE + " to get a new one", ex);
		}
	}

	/**
	 * The Spring properties that make a service accept this issuer's tokens.
	 * @return {@code spring.security.oauth2.resourceserver.jwt.*}
	 */
	public Map<String, String> serviceProperties() {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("spring.security.oauth2.resourceserver.jwt.issuer-uri", ISSUER);
		properties.put("spring.security.oauth2.resourceserver.jwt.audiences", AUDIENCE);
		properties.put("spring.security.oauth2.resourceserver.jwt.public-key-location",
				this.publicKeyFile.toUri().toString());
		return properties;
	}

	/**
	 * A token for a customer: it places and reads that customer's orders only.
	 * @param customerId the customer
	 * @param lifetime how long it is valid
	 * @return the compact JWT
	 */
	public String customerToken(String customerId, Duration lifetime) {
		return token(customerId, customerId, java.util.List.of("orders:write", "orders:read"), lifetime);
	}

	/**
	 * A service token such as the portal backend's: it acts for any customer within its
	 * scopes.
	 * @param clientId the client, e.g. {@code portal}
	 * @param scopes e.g. {@code orders:write}, {@code orders:read}, {@code orders:ops}
	 * @param lifetime how long it is valid
	 * @return the compact JWT
	 */
	public String serviceToken(String clientId, Collection<String> scopes, Duration lifetime) {
		return token(clientId, null, scopes, lifetime);
	}

	/**
	 * A token with the standard claims of this issuer.
	 * @param clientId {@code sub} and {@code azp}
	 * @param customerId {@code customer_id}, or {@code null} for a service token
	 * @param scopes {@code scope}, space-separated
	 * @param lifetime from now to {@code exp}
	 * @return the compact JWT
	 */
	public String token(String clientId, @Nullable String customerId, Collection<String> scopes, Duration lifetime) {
		Instant now = this.clock.instant();
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(ISSUER)
			.audience(AUDIENCE)
			.subject(clientId)
			.claim("azp", clientId)
			.claim("scope", String.join(" ", scopes))
			.issueTime(Date.from(now))
			.notBeforeTime(Date.from(now.minusSeconds(5)))
			.expirationTime(Date.from(now.plus(lifetime)))
			.jwtID(UUID.randomUUID().toString());
		if (customerId != null) {
			claims.claim("customer_id", customerId);
		}
		return sign(claims.build());
	}

	/**
	 * Signs any claims with this issuer's key (tests use it for tokens that must be
	 * refused: wrong issuer, wrong audience, expired).
	 * @param claims the claims
	 * @return the compact JWT, RS256
	 */
	public String sign(JWTClaimsSet claims) {
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build(),
					claims);
			jwt.sign(new RSASSASigner(this.privateKey));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Cannot sign a token", ex);
		}
	}

	/**
	 * The public key, to verify tokens.
	 * @return the RSA public key
	 */
	public RSAPublicKey publicKey() {
		return this.publicKey;
	}

	private static byte[] pemBytes(String pem) {
		return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
	}

}
