package dev.dbaas.pipeline.devstack.portal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * The launcher's portal password: with it, a customer id signs in to the portal. The
 * launcher makes a new random one on every start and prints it in its banner only (the
 * person who started the launcher holds its signing key anyway); it is never logged:
 * {@link #toString()} hides it.
 *
 * <p>
 * Immutable and thread-safe; {@link #matches(String)} compares in constant time.
 */
public final class PortalPassword {

	/** No 0/O, 1/l/I: easy to type from a terminal. */
	private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final byte[] value;

	private PortalPassword(String value) {
		this.value = value.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * A new random password: four groups of five characters from 32 symbols (100 bits),
	 * e.g. {@code k7q2m-...}.
	 * @return the password
	 */
	public static PortalPassword random() {
		StringBuilder text = new StringBuilder(23);
		for (int i = 0; i < 20; i++) {
			if (i > 0 && i % 5 == 0) {
				text.append('-');
			}
			text.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
		}
		return new PortalPassword(text.toString());
	}

	/**
	 * A given password (tests, or a launcher told one).
	 * @param value at least 12 characters
	 * @return the password
	 * @throws IllegalArgumentException if it is shorter
	 */
	public static PortalPassword of(String value) {
		Objects.requireNonNull(value, "value");
		if (value.length() < 12) {
			throw new IllegalArgumentException("a portal password has at least 12 characters");
		}
		return new PortalPassword(value);
	}

	/**
	 * Whether what someone typed is this password, in time independent of where they
	 * differ.
	 * @param typed the typed password
	 * @return {@code true} if equal
	 */
	public boolean matches(String typed) {
		return MessageDigest.isEqual(this.value, typed.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The password itself, for the launcher's banner.
	 * @return the text
	 */
	public String reveal() {
		return new String(this.value, StandardCharsets.UTF_8);
	}

	@Override
	public String toString() {
		return "PortalPassword(hidden)";
	}

}
