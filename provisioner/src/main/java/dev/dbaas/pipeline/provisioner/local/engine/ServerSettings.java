package dev.dbaas.pipeline.provisioner.local.engine;

import java.util.List;

/**
 * What a local server is started with.
 *
 * @param port TCP port on {@code 127.0.0.1}
 * @param sizing buffer pool and connections
 */
public record ServerSettings(int port, ServerSizing sizing) {

	public ServerSettings {
		if (port < 1 || port > 65535) {
			throw new IllegalArgumentException("port must be between 1 and 65535, got " + port);
		}
	}

	static List<String> unshared(List<String> command) {
		if (!"root".equals(System.getProperty("user.name"))) {
			return command;
		}
		// PostgreSQL refuses to run as root; in a user namespace of its own it is nobody.
		return java.util.stream.Stream.concat(java.util.stream.Stream.of("unshare", "-U"), command.stream()).toList();
	}

}
