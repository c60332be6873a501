package dev.dbaas.pipeline.intake.order;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * What a customer ordered, after every rule passed: catalog ids exist, the version is
 * resolved, trusted sources are canonical. Only {@link OrderValidator} creates one from
 * user input.
 *
 * @param customerId the customer
 * @param databaseType catalog database type id
 * @param databaseVersion resolved version
 * @param nodeSize catalog node size id
 * @param storage storage
 * @param trustedSources canonical, public, non-overlapping networks
 * @param region catalog region id
 * @param invoiceProfile who pays
 * @param acceptedDocuments every catalog document at its current version
 */
public record OrderSpec(CustomerId customerId, String databaseType, String databaseVersion, String nodeSize,
		StorageSize storage, List<TrustedSource> trustedSources, String region, InvoiceProfile invoiceProfile,
		List<AcceptedDocument> acceptedDocuments) {

	public OrderSpec {
		Objects.requireNonNull(customerId, "customerId");
		Objects.requireNonNull(databaseType, "databaseType");
		Objects.requireNonNull(databaseVersion, "databaseVersion");
		Objects.requireNonNull(nodeSize, "nodeSize");
		Objects.requireNonNull(storage, "storage");
		trustedSources = List.copyOf(trustedSources);
		if (trustedSources.isEmpty()) {
			throw new IllegalArgumentException("an order needs at least one trusted source");
		}
		Objects.requireNonNull(region, "region");
		Objects.requireNonNull(invoiceProfile, "invoiceProfile");
		acceptedDocuments = List.copyOf(acceptedDocuments);
	}

	/**
	 * These settings with another node size, storage and trusted sources: the desired
	 * settings of an instance after a change, everything else as its create ordered.
	 * @param nodeSize catalog node size id
	 * @param storage storage
	 * @param trustedSources canonical networks
	 * @return the changed spec
	 */
	public OrderSpec withSettings(String nodeSize, StorageSize storage, List<TrustedSource> trustedSources) {
		return new OrderSpec(this.customerId, this.databaseType, this.databaseVersion, nodeSize, storage,
				trustedSources, this.region, this.invoiceProfile, this.acceptedDocuments);
	}

	/**
	 * A digest of everything ordered. Two requests with the same fingerprint ask for the
	 * same thing, whatever their JSON formatting, key order or address spelling.
	 * @return hex SHA-256
	 */
	public String fingerprint() {
		StringBuilder canonical = new StringBuilder();
		field(canonical, this.customerId.value());
		field(canonical, this.databaseType);
		field(canonical, this.databaseVersion);
		field(canonical, this.nodeSize);
		field(canonical, Integer.toString(this.storage.gb()));
		this.trustedSources.forEach((source) -> field(canonical, source.cidr()));
		field(canonical, this.region);
		if (this.invoiceProfile instanceof InvoiceProfile.Existing existing) {
			field(canonical, "existing");
			field(canonical, existing.id());
		}
		else if (this.invoiceProfile instanceof InvoiceProfile.New created) {
			field(canonical, "new");
			field(canonical, created.companyName());
			field(canonical, created.email());
			field(canonical, created.street());
			field(canonical, created.postalCode());
			field(canonical, created.city());
			field(canonical, created.country());
			field(canonical, String.valueOf(created.vatId()));
		}
		this.acceptedDocuments.forEach((document) -> {
			field(canonical, document.id());
			field(canonical, document.version());
		});
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
		// Length-prefixed, so that no two different field lists give the same text.
		canonical.append(value.length()).append(':').append(value).append(';');
	}

}
