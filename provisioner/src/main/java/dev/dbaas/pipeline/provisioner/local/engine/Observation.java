package dev.dbaas.pipeline.provisioner.local.engine;

import java.util.List;

/**
 * What a running server said about itself after an admin login over verified TLS.
 *
 * @param serverVersion the running version, e.g. {@code 17.6} or {@code 11.4.5}
 * @param trusted the networks the server's access rules let log in
 * @param violations rules that let anything else in (or errors in the rules), empty when
 * everything else is rejected
 * @param bufferMb the buffer pool the server runs with ({@code shared_buffers},
 * {@code innodb_buffer_pool_size}), in MB
 * @param maxConnections the connections the server accepts
 */
public record Observation(String serverVersion, List<TrustedNetwork> trusted, List<String> violations, long bufferMb,
		int maxConnections) {

	public Observation {
		trusted = List.copyOf(trusted);
		violations = List.copyOf(violations);
	}

	/**
	 * Whether the server runs with a sizing: its connections, and its buffer pool (which
	 * an engine may round up to its own granularity, at most by a quarter here).
	 * @param sizing the sizing
	 * @return {@code true} if the running server matches it
	 */
	public boolean runsWith(ServerSizing sizing) {
		return this.maxConnections == sizing.maxConnections() && this.bufferMb >= sizing.bufferMb()
				&& this.bufferMb * 4 <= sizing.bufferMb() * 5L;
	}

	/**
	 * Whether the running version is the ordered one.
	 * @param orderedVersion e.g. {@code 17} or {@code 11.4}
	 * @return {@code true} if the running version is that version or a release of it
	 */
	public boolean runs(String orderedVersion) {
		return this.serverVersion.equals(orderedVersion) || this.serverVersion.startsWith(orderedVersion + ".");
	}

}
