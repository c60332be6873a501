package dev.dbaas.pipeline.provisioner.local;

import java.util.Objects;

/**
 * The admin login of one local instance. Its {@link #toString()} hides the password, so
 * that logging the record never leaks it.
 *
 * @param username the login name
 * @param password the password, never logged
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
		return "AdminCredentials[username=" + this.username + ", password=******]";
	}

}
