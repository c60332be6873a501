package dev.dbaas.pipeline.provisioner.local.engine;

import java.nio.file.Path;

/**
 * The directories and files of one local instance, all below its own directory.
 *
 * @param root the instance's directory
 */
public record InstanceLayout(Path root) {

	/**
	 * The data directory the engine's install tool creates.
	 * @return {@code <root>/data}
	 */
	public Path data() {
		return this.root.resolve("data");
	}

	/**
	 * Where the data directory is created before it is renamed into place, so that a
	 * crash during installation leaves no half-initialised data directory behind.
	 * @return {@code <root>/data.partial}
	 */
	public Path partialData() {
		return this.root.resolve("data.partial");
	}

	/**
	 * The access rules written from the trusted sources.
	 * @return {@code <root>/access}
	 */
	public Path access() {
		return this.root.resolve("access");
	}

	/**
	 * The server's certificate, key and the CA certificate.
	 * @return {@code <root>/tls}
	 */
	public Path tls() {
		return this.root.resolve("tls");
	}

	/**
	 * The admin credentials, readable by the owner only.
	 * @return {@code <root>/admin.credentials}
	 */
	public Path credentials() {
		return this.root.resolve("admin.credentials");
	}

	/**
	 * The server's log.
	 * @return {@code <root>/server.log}
	 */
	public Path serverLog() {
		return this.root.resolve("server.log");
	}

	/**
	 * Runtime files of the server: its pid file, its socket.
	 * @return {@code <root>/run}
	 */
	public Path run() {
		return this.root.resolve("run");
	}

}
