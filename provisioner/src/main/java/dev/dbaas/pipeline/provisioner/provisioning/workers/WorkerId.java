package dev.dbaas.pipeline.provisioner.provisioning.workers;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.UUID;

/**
 * This instance's id in the fleet: written into the leases it holds, and shown to the
 * backend as the caller.
 *
 * @param value never blank
 */
public record WorkerId(String value) {

	public WorkerId {
		Objects.requireNonNull(value, "worker id");
		if (value.isBlank()) {
			throw new IllegalArgumentException("worker id must not be blank");
		}
	}

	/**
	 * The configured id, or the host name plus a random suffix, unique per start.
	 * @param configured {@code provisioner.workers.id}, may be empty
	 * @return the worker id
	 */
	public static WorkerId configuredOrGenerated(String configured) {
		if (!configured.isEmpty()) {
			return new WorkerId(configured);
		}
		String host;
		try {
			host = InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			host = "provisioner";
		}
		return new WorkerId(host + "-" + UUID.randomUUID().toString().substring(0, 8));
	}

	@Override
	public String toString() {
		return this.value;
	}

}
