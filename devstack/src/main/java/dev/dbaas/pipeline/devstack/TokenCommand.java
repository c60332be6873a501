package dev.dbaas.pipeline.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.dbaas.pipeline.security.Caller;
import dev.dbaas.pipeline.security.local.LocalTokenIssuer;
import org.jspecify.annotations.Nullable;

/**
 * {@code java -jar devstack.jar token ...}: prints a bearer token that a local stack
 * started with the same {@code --data-dir} (or none) accepts.
 *
 * @param customerId the customer a token is bound to, or {@code null} for a service token
 * @param clientId the client ({@code sub}, {@code azp})
 * @param scopes the scopes
 * @param lifetime how long the token is valid
 * @param keyDirectory where the launcher keeps its signing key
 */
public record TokenCommand(@Nullable String customerId, String clientId, List<String> scopes, Duration lifetime,
		Path keyDirectory) {

	static final String USAGE = """
			Usage: java -jar devstack/target/devstack.jar token [--customer=ID] [--scope=S[,S...]] [--client=ID]
			                                                   [--lifetime=DURATION] [--data-dir=PATH]

			Prints a bearer token that the local stack accepts (signed with its local key, issuer
			%s, audience %s).

			  --customer=ID     bind the token to one customer: it places and reads that customer's orders only
			                    (default scopes orders:write,orders:read)
			  --scope=S,...     scopes: orders:write, orders:read, orders:ops (without --customer the default is
			                    orders:write,orders:read, a portal backend's token for any customer)
			  --client=ID       the client the token is for (default: the customer, else "cli")
			  --lifetime=D      e.g. 30m, 12h (default 1h)
			  --data-dir=PATH   the --data-dir the stack runs with (default: none, the key in the temp directory)

			Example:
			  TOKEN=$(java -jar devstack/target/devstack.jar token --customer=c-1001)
			  curl -s -H "Authorization: Bearer $TOKEN" http://localhost:8083/v1/orders?customerId=c-1001
			""".formatted(LocalTokenIssuer.ISSUER, LocalTokenIssuer.AUDIENCE);

	/**
	 * Reads the command's options.
	 * @param args the arguments after {@code token}
	 * @return the command
	 * @throws IllegalArgumentException naming the option that is wrong
	 */
	public static TokenCommand parse(List<String> args) {
		String customer = null;
		String client = null;
		List<String> scopes = List.of(Caller.WRITE, Caller.READ);
		Duration lifetime = Duration.ofHours(1);
		Path dataDir = null;
		for (String arg : args) {
			if (!arg.startsWith("--") || !arg.contains("=")) {
				throw new IllegalArgumentException("Expected --key=value but got '" + arg + "'");
			}
			String key = arg.substring(2, arg.indexOf('='));
			String value = arg.substring(arg.indexOf('=') + 1);
			switch (key) {
				case "customer" -> customer = nonBlank(key, value);
				case "client" -> client = nonBlank(key, value);
				case "scope" -> scopes = scopes(value);
				case "lifetime" -> lifetime = duration(value);
				case "data-dir" -> dataDir = Path.of(value).toAbsolutePath();
				default -> throw new IllegalArgumentException("Unknown option --" + key);
			}
		}
		String clientId = (client != null) ? client : (customer != null) ? customer : "cli";
		return new TokenCommand(customer, clientId, scopes, lifetime, DevStack.keyDirectory(dataDir));
	}

	/**
	 * Signs the token with the key the stack keeps in {@link #keyDirectory()}.
	 * @return a bearer token
	 * @throws IllegalArgumentException when the stack never ran with that directory
	 */
	public String token() {
		if (!Files.exists(this.keyDirectory.resolve(LocalTokenIssuer.PRIVATE_KEY_FILE))) {
			throw new IllegalArgumentException(
					"No signing key in " + this.keyDirectory + ": start the stack first (with the same --data-dir)");
		}
		return LocalTokenIssuer.inDirectory(this.keyDirectory)
			.token(this.clientId, this.customerId, this.scopes, this.lifetime);
	}

	private static List<String> scopes(String value) {
		List<String> scopes = new ArrayList<>();
		for (String scope : value.split("[,\\s]+")) {
			if (scope.isEmpty()) {
				continue;
			}
			if (!List.of(Caller.WRITE, Caller.READ, Caller.OPS).contains(scope)) {
				throw new IllegalArgumentException("Unknown scope '" + scope + "'; the scopes are "
						+ String.join(", ", Arrays.asList(Caller.WRITE, Caller.READ, Caller.OPS)));
			}
			scopes.add(scope);
		}
		if (scopes.isEmpty()) {
			throw new IllegalArgumentException("--scope names at least one scope");
		}
		return scopes;
	}

	private static Duration duration(String value) {
		try {
			Duration duration = Duration.parse("PT" + value.toUpperCase(java.util.Locale.ROOT));
			if (duration.isNegative() || duration.isZero()) {
				throw new IllegalArgumentException("--lifetime must be positive, got " + value);
			}
			return duration;
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException("--lifetime must be like 30m or 12h, got '" + value + "'", ex);
		}
	}

	private static String nonBlank(String key, String value) {
		if (value.isBlank()) {
			throw new IllegalArgumentException("--" + key + " must not be empty");
		}
		return value;
	}

}
