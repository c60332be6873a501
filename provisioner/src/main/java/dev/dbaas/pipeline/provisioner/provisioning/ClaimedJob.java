package dev.dbaas.pipeline.provisioner.provisioning;

import java.util.Objects;

/**
 * A due job together with the lease that lets one worker drive it.
 *
 * @param job the job as stored when it was claimed
 * @param lease the lease
 */
public record ClaimedJob(ProvisioningJob job, Lease lease) {

	public ClaimedJob {
		Objects.requireNonNull(job, "job");
		Objects.requireNonNull(lease, "lease");
		if (!job.orderId().equals(lease.orderId())) {
			throw new IllegalArgumentException("lease for " + lease.orderId() + " does not belong to " + job.orderId());
		}
	}

}
