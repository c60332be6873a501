package dev.dbaas.pipeline.security.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.dbaas.pipeline.security.Caller;
import dev.dbaas.pipeline.security.local.LocalTokenIssuer;

/**
 * Tokens for tests, signed by one {@link LocalTokenIssuer} per JVM whose key lives in a
 * temporary directory. {@link TrustTestTokensContextCustomizerFactory} makes every Spring
 * test context trust it.
 */
public final class TestTokens {

	private static final Path KEYS = temporaryDirectory();

	private static final LocalTokenIssuer ISSUER = LocalTokenIssuer.inDirectory(KEYS);

	private TestTokens() {
	}

	/**
	 * The issuer the test contexts trust.
	 * @return the issuer
	 */
	public static LocalTokenIssuer issuer() {
		return ISSUER;
	}

	/**
	 * A directory for a key nobody trusts.
	 * @return a new temporary directory
	 */
	public static Path untrustedKeyDirectory() {
		return temporaryDirectory();
	}

	/**
	 * A portal backend's token: places and reads orders for any customer.
	 * @return the token
	 */
	public static String portal() {
		return ISSUER.serviceToken("portal", List.of(Caller.WRITE, Caller.READ), Duration.ofMinutes(30));
	}

	/**
	 * A service token of a named client with the given scopes.
	 * @param clientId the client
	 * @param scopes its scopes
	 * @return the token
	 */
	public static String service(String clientId, String... scopes) {
		return ISSUER.serviceToken(clientId, List.of(scopes), Duration.ofMinutes(30));
	}

	/**
	 * An ops token: reads everything.
	 * @return the token
	 */
	public static String ops() {
		return ISSUER.serviceToken("ops", List.of(Caller.OPS), Duration.ofMinutes(30));
	}

	/**
	 * A customer's token: places and reads that customer's orders only.
	 * @param customerId the customer
	 * @return the token
	 */
	public static String customer(String customerId) {
		return ISSUER.customerToken(customerId, Duration.ofMinutes(30));
	}

	private static Path temporaryDirectory() {
		try {
			Path directory = Files.createTempDirectory("pipeline-test-keys-");
			directory.toFile().deleteOnExit();
			directory.resolve(LocalTokenIssuer.PRIVATE_KEY_FILE).toFile().deleteOnExit();
			directory.resolve(LocalTokenIssuer.PUBLIC_KEY_FILE).toFile().deleteOnExit();
			return directory;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
