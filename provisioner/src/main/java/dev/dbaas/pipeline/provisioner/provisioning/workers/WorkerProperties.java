package dev.dbaas.pipeline.provisioner.provisioning.workers;

import java.time.Duration;
import java.util.Objects;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of one instance's worker pool ({@code provisioner.workers.*}).
 *
 * @param id worker id of this instance, unique in the fleet; blank: host name plus a
 * random suffix
 * @param concurrency provisionings this instance drives at once
 * @param pollInterval wait between looks for due jobs when none was found
 * @param leaseDuration how long a claim lasts unless renewed; a crashed instance's jobs
 * are claimed again after it
 * @param heartbeatInterval how often held leases are renewed; well below
 * {@code leaseDuration}
 * @param shutdownGrace how long shutdown waits for steps under way before it interrupts
 * them and hands their jobs back
 * @param deadlineSweepInterval how often overdue jobs are looked for
 */
@ConfigurationProperties("provisioner.workers")
public record WorkerProperties(String id, int concurrency, Duration pollInterval, Duration leaseDuration,
		Duration heartbeatInterval, Duration shutdownGrace, Duration deadlineSweepInterval) {

	public WorkerProperties {
		Objects.requireNonNull(pollInterval, "provisioner.workers.poll-interval");
		Objects.requireNonNull(leaseDuration, "provisioner.workers.lease-duration");
		Objects.requireNonNull(heartbeatInterval, "provisioner.workers.heartbeat-interval");
		Objects.requireNonNull(shutdownGrace, "provisioner.workers.shutdown-grace");
		Objects.requireNonNull(deadlineSweepInterval, "provisioner.workers.deadline-sweep-interval");
		id = (id != null) ? id.trim() : "";
		if (concurrency < 1) {
			throw new IllegalArgumentException("provisioner.workers.concurrency must be at least 1");
		}
		if (heartbeatInterval.compareTo(leaseDuration) >= 0) {
			throw new IllegalArgumentException("provisioner.workers.heartbeat-interval (" + heartbeatInterval
					+ ") must be shorter than the lease-duration (" + leaseDuration + ")");
		}
	}

}
