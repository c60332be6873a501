package dev.dbaas.pipeline.intake.order;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * An order as the customer sent it, before any rule is checked. Every field may be
 * missing ({@code null}); list elements may be {@code null} where the element had the
 * wrong JSON type (the reader has reported that already).
 *
 * @param customerId the customer the order is for
 * @param databaseType catalog database type id
 * @param databaseVersion version, or {@code null} for the type's default
 * @param nodeSize catalog node size id
 * @param storageGb storage in GB
 * @param trustedSources IPv4 addresses or CIDR ranges allowed to connect
 * @param region catalog region id
 * @param invoiceProfile who pays
 * @param acceptedDocuments documents the customer accepted
 */
public record OrderDraft(@Nullable String customerId, @Nullable String databaseType, @Nullable String databaseVersion,
		@Nullable String nodeSize, @Nullable Long storageGb, @Nullable List<@Nullable String> trustedSources,
		@Nullable String region, @Nullable InvoiceProfileDraft invoiceProfile,
		@Nullable List<@Nullable AcceptedDocumentDraft> acceptedDocuments) {

	/**
	 * The invoice profile as sent: exactly one of the two forms must be present.
	 *
	 * @param existingIdPresent whether {@code existingId} was sent
	 * @param existingId id of an existing invoice profile
	 * @param newProfilePresent whether {@code new} was sent
	 * @param newProfile details of a new invoice profile
	 */
	public record InvoiceProfileDraft(boolean existingIdPresent, @Nullable String existingId, boolean newProfilePresent,
			@Nullable NewInvoiceProfileDraft newProfile) {

		public static InvoiceProfileDraft existing(String id) {
			return new InvoiceProfileDraft(true, id, false, null);
		}

		public static InvoiceProfileDraft create(NewInvoiceProfileDraft profile) {
			return new InvoiceProfileDraft(false, null, true, profile);
		}

	}

	/**
	 * A new invoice profile as sent.
	 *
	 * @param companyName company name
	 * @param email invoice e-mail address
	 * @param street street and number
	 * @param postalCode postal code
	 * @param city city
	 * @param country ISO 3166-1 alpha-2 country code
	 * @param vatId VAT id, optional
	 */
	public record NewInvoiceProfileDraft(@Nullable String companyName, @Nullable String email, @Nullable String street,
			@Nullable String postalCode, @Nullable String city, @Nullable String country, @Nullable String vatId) {

	}

	/**
	 * A document acceptance as sent.
	 *
	 * @param id document id
	 * @param version accepted version
	 */
	public record AcceptedDocumentDraft(@Nullable String id, @Nullable String version) {

	}

}
