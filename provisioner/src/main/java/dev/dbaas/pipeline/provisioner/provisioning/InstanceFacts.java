package dev.dbaas.pipeline.provisioner.provisioning;

import java.util.Objects;

/**
 * Where a provisioned database answers. Connection facts only: never credentials.
 *
 * @param host host name, never blank
 * @param port TCP port, 1 to 65535
 * @param engine engine type and version that runs there
 */
public record InstanceFacts(String host, int port, DatabaseEngine engine) {

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

}
