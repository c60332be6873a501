package dev.dbaas.pipeline.status.order;

/**
 * Why provisioning failed.
 *
 * @param code stable machine-readable code, e.g. {@code REGION_CAPACITY_EXHAUSTED}
 * @param message human-readable explanation
 */
public record Failure(String code, String message) {

	public Failure {
		Text.require("failure.code", code, 100);
		Text.require("failure.message", message, 2000);
	}

}
