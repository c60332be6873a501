package dev.dbaas.pipeline.intake.instance.web;

/**
 * Body of a 202 answer to {@code POST /v1/instances/{instanceId}/orders}.
 *
 * @param orderId the change order's id
 * @param instanceId the instance it changes
 * @param type {@code UPDATE} or {@code DELETE}
 * @param status always {@code NEW}
 * @param statusUrl where to follow its status
 * @param instanceUrl where to read the instance
 */
record ChangeOrderAcceptedDocument(String orderId, String instanceId, String type, String status, String statusUrl,
		String instanceUrl) {
}
