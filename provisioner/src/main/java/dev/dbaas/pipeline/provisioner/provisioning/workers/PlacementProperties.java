package dev.dbaas.pipeline.provisioner.provisioning.workers;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where instances of a host-bound backend live ({@code provisioner.placement.*}). The
 * local backend runs its servers on the machine of the provisioner that created them, so
 * every later order of such an instance must run there: each job records the host that
 * first claimed it, change and delete jobs inherit their instance's host, and a worker
 * claims only jobs without a host or on its own.
 *
 * @param hostId this provisioner host's id, stable across restarts (the instances on its
 * disk stay its own); blank: the machine's host name
 * @param hostTimeout how long a host may leave its heartbeat unwritten before the jobs of
 * its instances fail with {@code INSTANCE_HOST_UNAVAILABLE}
 */
@ConfigurationProperties("provisioner.placement")
public record PlacementProperties(String hostId, Duration hostTimeout) {

	public PlacementProperties(@Nullable String hostId, @Nullable Duration hostTimeout) {
		this.hostId = (hostId != null && !hostId.isBlank()) ? hostId.trim() : localHostName();
		this.hostTimeout = Objects.requireNonNull(hostTimeout, "provisioner.placement.host-timeout");
		if (this.hostTimeout.isNegative() || this.hostTimeout.isZero()) {
			throw new IllegalArgumentException("provisioner.placement.host-timeout must be positive");
		}
	}

	private static String localHostName() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "provisioner";
		}
	}

}
