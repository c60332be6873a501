package dev.dbaas.pipeline.status.instance.web;

import java.util.List;

/**
 * Request parameters of the instances API that are malformed, all of them at once.
 */
class InvalidInstanceParametersException extends RuntimeException {

	private final List<Violation> violations;

	InvalidInstanceParametersException(List<Violation> violations) {
		super(violations.size() + " invalid parameter(s)");
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
