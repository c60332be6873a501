package dev.dbaas.pipeline.status.instance;

/**
 * The requester's token does not grant a reveal: an ops token, or a service token without
 * the credentials scope. A customer asking for another customer's instance is told "not
 * found" instead.
 */
public class RevealRefusedException extends RuntimeException {

	public RevealRefusedException(String reason) {
		super(reason);
	}

}
