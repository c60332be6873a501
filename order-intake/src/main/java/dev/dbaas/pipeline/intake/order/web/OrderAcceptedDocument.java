package dev.dbaas.pipeline.intake.order.web;

/**
 * Body of a 202 answer to {@code POST /v1/orders}.
 *
 * @param orderId the order's id
 * @param status always {@code NEW}
 * @param placedAt when it was accepted, ISO-8601 UTC
 * @param statusUrl where to follow its status
 */
record OrderAcceptedDocument(String orderId, String status, String placedAt, String statusUrl) {
}
