package dev.dbaas.pipeline.intake.instance;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import dev.dbaas.pipeline.intake.order.OrderType;
import org.jspecify.annotations.Nullable;

/**
 * A change order as the customer sent it, after its structure was checked (the reader
 * refuses unknown fields, wrong types, a missing type and a DELETE with UPDATE fields)
 * but before any rule is. Fields left out are {@code null}.
 *
 * @param type {@link OrderType#UPDATE} or {@link OrderType#DELETE}; {@code null} only
 * when the reader reported it
 * @param customerId the customer, as a service token names it
 * @param storageGb new storage in GB
 * @param nodeSize new catalog node size id
 * @param trustedSources the new list of trusted sources
 * @param deletionProtection whether deletion protection is to be on
 * @param confirm a DELETE's confirmation: the instance id
 */
public record ChangeDraft(@Nullable OrderType type, @Nullable String customerId, @Nullable Long storageGb,
		@Nullable String nodeSize, @Nullable List<@Nullable String> trustedSources,
		@Nullable Boolean deletionProtection, @Nullable String confirm) {

	/**
	 * A digest of what is asked for, to tell a retry from a different order with the same
	 * idempotency key.
	 * @param instanceId the instance the order is for
	 * @param customerId the customer it is for
	 * @param canonicalSources the trusted sources in canonical form when they are valid
	 * (so that two spellings of one network are one request), else as sent
	 * @return hex SHA-256
	 */
	public String fingerprint(String instanceId, String customerId, @Nullable List<String> canonicalSources) {
		StringBuilder canonical = new StringBuilder();
		field(canonical, "change");
		field(canonical, instanceId);
		field(canonical, customerId);
		field(canonical, String.valueOf(this.type));
		field(canonical, String.valueOf(this.storageGb));
		field(canonical, String.valueOf(this.nodeSize));
		if (canonicalSources == null) {
			field(canonical, "-");
		}
		else {
			field(canonical, Integer.toString(canonicalSources.size()));
			canonicalSources.forEach((source) -> field(canonical, source));
		}
		field(canonical, String.valueOf(this.deletionProtection));
		field(canonical, String.valueOf(this.confirm));
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

	private static void field(StringBuilder canonical, String value) {
		canonical.append(value.length()).append(':').append(value).append(';');
	}

}
