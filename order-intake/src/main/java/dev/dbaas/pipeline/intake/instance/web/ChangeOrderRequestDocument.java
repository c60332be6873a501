package dev.dbaas.pipeline.intake.instance.web;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /v1/instances/{instanceId}/orders}, for the OpenAPI description
 * only: the controller reads the JSON itself, strictly.
 *
 * @param type UPDATE or DELETE
 * @param customerId the customer, required with a service token
 * @param storageGb UPDATE: new storage, larger than now, on the catalog's steps
 * @param nodeSize UPDATE: new catalog node size
 * @param trustedSources UPDATE: the new list, replacing the old one
 * @param deletionProtection UPDATE: whether a DELETE is refused
 * @param confirm DELETE: the instance id, typed to confirm
 */
@Schema(name = "InstanceOrderRequest", additionalProperties = Schema.AdditionalPropertiesValue.FALSE,
		description = "An UPDATE names a non-empty subset of storageGb, nodeSize, trustedSources, "
				+ "deletionProtection; a DELETE names confirm and none of them")
record ChangeOrderRequestDocument(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "UPDATE") String type,
		@Schema(example = "c-1001") @Nullable String customerId, @Schema(example = "100") @Nullable Integer storageGb,
		@Schema(example = "b2-8") @Nullable String nodeSize,
		@Schema(example = "[\"123.123.123.123/32\"]") @Nullable List<String> trustedSources,
		@Nullable Boolean deletionProtection, @Schema(example = "db-d50584733eac4340") @Nullable String confirm) {

}
