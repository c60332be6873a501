package dev.dbaas.pipeline.provisioner.provisioning.messaging;

import org.jspecify.annotations.Nullable;

/**
 * A decoded {@code OrderPlaced} that the provisioner cannot act on, e.g. an engine type
 * this version does not know. Not retried: the record goes to the dead-letter topic.
 */
public class UnprocessableOrder extends RuntimeException {

	public UnprocessableOrder(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
