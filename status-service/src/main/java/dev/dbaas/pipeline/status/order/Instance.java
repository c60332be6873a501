package dev.dbaas.pipeline.status.order;

/**
 * Where the customer's running database answers. Never a secret.
 *
 * @param host host name or address
 * @param port TCP port, 1 to 65535
 */
public record Instance(String host, int port) {

	public Instance {
		Text.require("instance.host", host, 255);
		if (port < 1 || port > 65_535) {
			throw new InvalidOrderEventException("instance.port must be between 1 and 65535, got " + port);
		}
	}

}
