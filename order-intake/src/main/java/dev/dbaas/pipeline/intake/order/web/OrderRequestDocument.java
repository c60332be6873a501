package dev.dbaas.pipeline.intake.order.web;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /v1/orders}, for the OpenAPI description only: the controller
 * reads the JSON itself, strictly.
 *
 * @param customerId the portal's id of the customer
 * @param databaseType catalog database type id
 * @param databaseVersion catalog version; the type's default when left out
 * @param nodeSize catalog node size id
 * @param storageGb storage in GB, within the catalog's range and step
 * @param trustedSources public IPv4 addresses or CIDR ranges (/24 to /32)
 * @param region catalog region id
 * @param invoiceProfile exactly one of existingId and new
 * @param acceptedDocuments every catalog document at its current version
 */
@Schema(name = "OrderRequest", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
record OrderRequestDocument(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "c-1001") String customerId,
		@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "MARIADB") String databaseType,
		@Schema(example = "10.11") @Nullable String databaseVersion,
		@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "b2-4") String nodeSize,
		@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "50") int storageGb,
		@Schema(requiredMode = Schema.RequiredMode.REQUIRED,
				example = "[\"123.123.123.123/32\", \"222.222.222.128/28\"]") List<String> trustedSources,
		@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "DE-WEST-1") String region,
		@Schema(requiredMode = Schema.RequiredMode.REQUIRED) InvoiceProfileDocument invoiceProfile,
		@Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<AcceptedDocumentDocument> acceptedDocuments) {

	@Schema(name = "InvoiceProfile", description = "Exactly one of existingId and new",
			additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
	record InvoiceProfileDocument(@Schema(example = "inv-7781") @Nullable String existingId,
			@Schema(name = "new") @Nullable NewInvoiceProfileDocument newProfile) {
	}

	@Schema(name = "NewInvoiceProfile", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
	record NewInvoiceProfileDocument(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String companyName,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String email,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String street,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String postalCode,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String city,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "ISO 3166-1 alpha-2",
					example = "DE") String country,
			@Nullable String vatId) {
	}

	@Schema(name = "AcceptedDocument", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
	record AcceptedDocumentDocument(@Schema(example = "terms-of-service") String id,
			@Schema(example = "2025-01") String version) {
	}

}
