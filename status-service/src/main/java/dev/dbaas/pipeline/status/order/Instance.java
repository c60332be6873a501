package dev.dbaas.pipeline.status.order;

import org.jspecify.annotations.Nullable;

/**
 * Where the customer's running database answers, and how to reach it safely. Never a
 * secret.
 *
 * @param host host name or address
 * @param port TCP port, 1 to 65535
 * @param sslMode how a client must connect, in libpq's words (e.g. {@code verify-full}),
 * or {@code null} if the backend did not say
 * @param caCertificate PEM certificate of the CA that signed the server's certificate, or
 * {@code null}
 */
public record Instance(String host, int port, @Nullable String sslMode, @Nullable String caCertificate) {

	/** Longest accepted CA certificate (PEM). */
	static final int MAX_CERTIFICATE_LENGTH = 16_384;

	public Instance {
		Text.require("instance.host", host, 255);
		if (port < 1 || port > 65_535) {
			throw new InvalidOrderEventException("instance.port must be between 1 and 65535, got " + port);
		}
		sslMode = Text.optional("instance.sslMode", sslMode, 30);
		if (caCertificate != null && (!caCertificate.startsWith("-----BEGIN CERTIFICATE-----")
				|| caCertificate.length() > MAX_CERTIFICATE_LENGTH)) {
			throw new InvalidOrderEventException("instance.caCertificate must be a PEM certificate of at most "
					+ MAX_CERTIFICATE_LENGTH + " characters");
		}
	}

	/**
	 * Connection facts without TLS details.
	 * @param host host name or address
	 * @param port TCP port
	 */
	public Instance(String host, int port) {
		this(host, port, null, null);
	}

}
