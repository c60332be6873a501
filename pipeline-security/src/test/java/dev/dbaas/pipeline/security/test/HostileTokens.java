package dev.dbaas.pipeline.security.test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import dev.dbaas.pipeline.security.local.LocalTokenIssuer;

/**
 * Tokens every API must refuse with 401, each next to why, for table-driven tests.
 */
public final class HostileTokens {

	private HostileTokens() {
	}

	/**
	 * A refused token and the reason.
	 *
	 * @param reason why it is refused
	 * @param token the compact token
	 */
	public record Hostile(String reason, String token) {

		@Override
		public String toString() {
			return this.reason;
		}

	}

	/**
	 * Every kind of refused token for a customer.
	 * @param issuer the issuer the services trust
	 * @param otherKeyDirectory a directory for a key the services do not trust
	 * @param customerId the customer of the tokens
	 * @return the tokens
	 */
	public static List<Hostile> all(LocalTokenIssuer issuer, Path otherKeyDirectory, String customerId) {
		Instant now = Instant.now();
		JWTClaimsSet valid = claims(now, customerId).build();
		String genuine = issuer.sign(valid);
		return List.of(
				new Hostile("expired",
						issuer.sign(claims(now.minus(Duration.ofHours(2)), customerId)
							.expirationTime(Date.from(now.minusSeconds(600)))
							.build())),
				new Hostile("wrong issuer",
						issuer.sign(claims(now, customerId).issuer("https://attacker.example/").build())),
				new Hostile("wrong audience", issuer.sign(claims(now, customerId).audience("some-other-api").build())),
				new Hostile("no expiry", issuer.sign(claims(now, customerId).expirationTime(null).build())),
				new Hostile("signed with another key", LocalTokenIssuer.inDirectory(otherKeyDirectory).sign(valid)),
				new Hostile("alg none", new PlainJWT(new PlainHeader(), valid).serialize()),
				new Hostile("alg none with an empty signature",
						new PlainJWT(new PlainHeader(), valid).serialize() + "AAAA"),
				new Hostile("customer_id tampered after signing", tamperCustomer(genuine, customerId, "c-other")),
				new Hostile("not a JWT", "not-a-token"));
	}

	static JWTClaimsSet.Builder claims(Instant issuedAt, String customerId) {
		return new JWTClaimsSet.Builder().issuer(LocalTokenIssuer.ISSUER)
			.audience(LocalTokenIssuer.AUDIENCE)
			.subject(customerId)
			.claim("customer_id", customerId)
			.claim("scope", "orders:write orders:read")
			.issueTime(Date.from(issuedAt))
			.expirationTime(Date.from(issuedAt.plus(Duration.ofMinutes(10))));
	}

	private static String tamperCustomer(String token, String from, String to) {
		String[] parts = token.split("\\.");
		String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
			.replace("\"customer_id\":\"" + from + "\"", "\"customer_id\":\"" + to + "\"");
		if (!payload.contains(to)) {
			throw new IllegalStateException("claim not found in " + payload);
		}
		return parts[0] + "."
				+ Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "."
				+ parts[2];
	}

}
