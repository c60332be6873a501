package dev.dbaas.pipeline.status.order;

/**
 * An event, or one of its values, that the view cannot accept: a blank id, a negative
 * sequence, a status the view does not know. The messaging edge sends such an event to
 * the dead-letter topic with this message as the reason.
 */
public class InvalidOrderEventException extends IllegalArgumentException {

	public InvalidOrderEventException(String message) {
		super(message);
	}

}
