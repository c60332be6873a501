package dev.dbaas.pipeline.intake.order.web;

/**
 * Body of a 202 answer to {@code POST /v1/orders}.
 *
 * @param orderId the order's id
 * @param instanceId the database instance the order creates
 * @param type always {@code CREATE}
 * @param status always {@code NEW}
 * @param placedAt when it was accepted, ISO-8601 UTC
 * @param statusUrl where to follow its status
 * @param instanceUrl where to read the instance, its connection facts once it runs
 */
record OrderAcceptedDocument(String orderId, String instanceId, String type, String status, String placedAt,
		String statusUrl, String instanceUrl) {
}
