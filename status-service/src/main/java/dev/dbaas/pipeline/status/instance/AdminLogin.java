package dev.dbaas.pipeline.status.instance;

/**
 * An instance's admin login, opened for one reveal. {@link #toString()} never shows the
 * password, so that a stray log statement cannot leak it.
 *
 * @param username login name
 * @param password the secret
 */
public record AdminLogin(String username, String password) {

	public AdminLogin {
		if (username == null || username.isBlank() || password == null || password.isBlank()) {
			throw new IllegalArgumentException("a login has a username and a password");
		}
	}

	@Override
	public String toString() {
		return "AdminLogin[username=" + this.username + ", password=(hidden)]";
	}

}
