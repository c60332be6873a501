package dev.dbaas.pipeline.provisioner.provisioning;

import java.util.Objects;

/**
 * Why an order failed: a stable code and a message for people.
 *
 * @param code the stable code
 * @param message human-readable explanation, never blank
 */
public record Failure(FailureCode code, String message) {

	public Failure {
		Objects.requireNonNull(code, "code");
		Objects.requireNonNull(message, "message");
		if (message.isBlank()) {
			throw new IllegalArgumentException("failure message must not be blank");
		}
	}

}
