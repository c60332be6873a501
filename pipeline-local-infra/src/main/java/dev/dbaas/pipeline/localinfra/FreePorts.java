package dev.dbaas.pipeline.localinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/**
 * Free TCP ports on this machine, for servers that are told their port before they bind
 * it. A port is free when asked; another process may take it before it is bound.
 *
 * <p>
 * Thread-safe.
 */
public final class FreePorts {

	private FreePorts() {
	}

	/**
	 * A port that no server on this machine listens on.
	 * @return the port
	 */
	public static int any() {
		try (ServerSocket socket = new ServerSocket(0)) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No free TCP port on this machine", ex);
		}
	}

	/**
	 * The given port, or a free one for 0.
	 * @param port a port, or 0 for any free one
	 * @return {@code port} unless it is 0, else {@link #any()}
	 */
	public static int orAny(int port) {
		return (port != 0) ? port : any();
	}

	/**
	 * Whether a server could listen on a port right now.
	 * @param port the port
	 * @return {@code true} if nothing listens on it
	 */
	public static boolean isFree(int port) {
		try (ServerSocket socket = new ServerSocket(port)) {
			socket.setReuseAddress(true);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
