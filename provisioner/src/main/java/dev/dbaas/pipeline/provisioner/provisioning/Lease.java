package dev.dbaas.pipeline.provisioner.provisioning;

import java.util.Objects;

/**
 * A worker's exclusive, expiring right to drive one job. Every write a worker makes is
 * fenced by the lease's token: once the lease expired and another worker claimed the job,
 * the old holder's writes change nothing.
 *
 * @param orderId the job
 * @param owner id of the worker (instance) that holds it
 * @param token unique per claim
 */
public record Lease(OrderId orderId, String owner, String token) {

	public Lease {
		Objects.requireNonNull(orderId, "orderId");
		Objects.requireNonNull(owner, "owner");
		Objects.requireNonNull(token, "token");
	}

}
