package dev.dbaas.pipeline.status.query.web;

import java.util.List;

/**
 * Request parameters that are malformed, all of them at once.
 */
class InvalidParametersException extends RuntimeException {

	private final List<Violation> violations;

	InvalidParametersException(List<Violation> violations) {
		super(violations.size() + " invalid parameter(s): " + violations);
		this.violations = List.copyOf(violations);
	}

	List<Violation> violations() {
		return this.violations;
	}

	/**
	 * One malformed parameter.
	 *
	 * @param parameter its name
	 * @param detail what is wrong and what is accepted
	 */
	record Violation(String parameter, String detail) {

	}

}
