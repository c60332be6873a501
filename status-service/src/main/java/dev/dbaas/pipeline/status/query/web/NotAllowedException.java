package dev.dbaas.pipeline.status.query.web;

/**
 * The caller's token is valid but does not grant this request: a customer token asking
 * for another customer's list, or a token without ops asking for the summary. Never used
 * for a single order of another customer, which is "not found" instead.
 */
class NotAllowedException extends RuntimeException {

	NotAllowedException(String detail) {
		super(detail);
	}

}
