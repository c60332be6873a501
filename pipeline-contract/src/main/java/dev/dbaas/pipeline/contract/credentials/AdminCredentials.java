package dev.dbaas.pipeline.contract.credentials;

import java.util.Objects;

/**
 * The login of a database instance's administrator. {@link #toString()} never shows the
 * password, so that a stray log statement cannot leak it.
 *
 * @param username login name, never blank
 * @param password the secret, never blank
 */
public record AdminCredentials(String username, String password) {

	public AdminCredentials {
		Objects.requireNonNull(username, "username");
		Objects.requireNonNull(password, "password");
		if (username.isBlank() || password.isBlank()) {
			throw new IllegalArgumentException("username and password must not be blank");
		}
	}

	@Override
	public String toString() {
		return "AdminCredentials[username=" + this.username + ", password=(hidden)]";
	}

}
