package dev.dbaas.pipeline.provisioner.provisioning.messaging;

/**
 * A decoded {@code OrderPlaced} that the provisioner cannot act on, e.g. an engine type
 * this version does not know. Not retried: the record goes to the dead-letter topic.
 */
public class UnprocessableOrder extends RuntimeException {

	public UnprocessableOrder(String message, Throwable cause) {
		super(message, cause);
	}

}
