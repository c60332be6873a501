package dev.dbaas.pipeline.status.instance.web;

/**
 * The token is valid but does not grant this request: a customer token listing another
 * customer's instances, or a token without a read scope.
 */
class InstanceAccessDeniedException extends RuntimeException {

	InstanceAccessDeniedException(String detail) {
		super(detail);
	}

}
