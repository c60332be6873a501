package dev.dbaas.pipeline.provisioner.provisioning;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Where a provisioned database answers and how a client verifies it. Connection facts
 * only: never credentials.
 *
 * @param host host name, never blank
 * @param port TCP port, 1 to 65535
 * @param engine engine type and version that runs there
 * @param sslMode how a client must connect, e.g. {@code verify-full}, or {@code null}
 * when the backend says nothing about TLS
 * @param caCertificate PEM of the CA that signed the server's certificate, or
 * {@code null} when the backend has none of its own
 */
public record InstanceFacts(String host, int port, DatabaseEngine engine, @Nullable String sslMode,
		@Nullable String caCertificate) {

	public InstanceFacts {
		Objects.requireNonNull(host, "host");
		Objects.requireNonNull(engine, "engine");
		if (host.isBlank()) {
			throw new IllegalArgumentException("host must not be blank");
		}
		if (port < 1 || port > 65535) {
			throw new IllegalArgumentException("port must be between 1 and 65535, got " + port);
		}
	}

	/**
	 * Connection facts without TLS facts, as the simulation reports them.
	 * @param host host name, never blank
	 * @param port TCP port, 1 to 65535
	 * @param engine engine type and version that runs there
	 */
	public InstanceFacts(String host, int port, DatabaseEngine engine) {
		this(host, port, engine, null, null);
	}

}
