package dev.dbaas.pipeline.provisioner.provisioning;

import java.time.Duration;
import java.util.Objects;

/**
 * A job in progress whose instance lives on a provisioner host that has been silent for
 * longer than the host timeout: no other host may act on it.
 *
 * @param job the job as stored
 * @param host the id of the silent host
 * @param silentFor how long the host has not written its heartbeat
 */
public record StrandedJob(ProvisioningJob job, String host, Duration silentFor) {

	public StrandedJob {
		Objects.requireNonNull(job, "job");
		Objects.requireNonNull(host, "host");
		Objects.requireNonNull(silentFor, "silentFor");
	}

}
