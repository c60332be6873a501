package dev.dbaas.pipeline.contract.credentials;

/**
 * Sealed credentials that this key cannot open: sealed for another key, for another
 * instance, or damaged. The message never contains the secret.
 */
public class CredentialsUnreadable extends Exception {

	public CredentialsUnreadable(String message) {
		super(message);
	}

	public CredentialsUnreadable(String message, Throwable cause) {
		super(message, cause);
	}

}
