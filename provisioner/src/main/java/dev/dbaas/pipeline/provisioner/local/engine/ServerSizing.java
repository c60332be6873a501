package dev.dbaas.pipeline.provisioner.local.engine;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How big one local server is, scaled down from the ordered node size so that several fit
 * on one machine: the buffer pool ({@code shared_buffers},
 * {@code innodb_buffer_pool_size}) is the node's RAM divided by the scale factor, at
 * least {@value #MIN_BUFFER_MB} MB.
 *
 * @param nodeRamGb RAM of the ordered node in GB
 * @param bufferMb the local server's buffer pool in MB
 * @param maxConnections connections the local server accepts
 */
public record ServerSizing(int nodeRamGb, int bufferMb, int maxConnections) {

	/** The smallest buffer pool a local server gets, in MB. */
	public static final int MIN_BUFFER_MB = 8;

	private static final Pattern NODE_SIZE = Pattern.compile("[a-z]+(\\d+)-(\\d+)");

	public ServerSizing {
		if (nodeRamGb <= 0 || bufferMb < MIN_BUFFER_MB || maxConnections <= 0) {
			throw new IllegalArgumentException("invalid sizing " + nodeRamGb + " GB / " + bufferMb + " MB");
		}
	}

	/**
	 * Sizes a server for a catalogue node size such as {@code b2-4} (2 vCPUs, 4 GB).
	 * @param nodeSize the node size id: series letters, vCPUs, a dash, RAM in GB
	 * @param scaleFactor node RAM divided by this is the local buffer pool, e.g. 256
	 * @return the sizing
	 * @throws IllegalArgumentException if the node size does not name its RAM
	 */
	public static ServerSizing of(String nodeSize, int scaleFactor) {
		if (scaleFactor <= 0) {
			throw new IllegalArgumentException("scale factor must be positive, got " + scaleFactor);
		}
		Matcher matcher = NODE_SIZE.matcher(nodeSize);
		if (!matcher.matches()) {
			throw new IllegalArgumentException(
					"node size '" + nodeSize + "' does not name vCPUs and RAM like b2-4 (2 vCPUs, 4 GB)");
		}
		int vcpus = Integer.parseInt(matcher.group(1));
		int ramGb = Integer.parseInt(matcher.group(2));
		int bufferMb = Math.max(MIN_BUFFER_MB, (int) ((ramGb * 1024L) / scaleFactor));
		int connections = Math.min(100, 10 + 5 * vcpus);
		return new ServerSizing(ramGb, bufferMb, connections);
	}

}
