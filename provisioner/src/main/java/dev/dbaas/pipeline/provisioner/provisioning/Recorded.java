package dev.dbaas.pipeline.provisioner.provisioning;

/**
 * What became of a transition stored under a lease that the worker keeps.
 */
public enum Recorded {

	/** Stored; the lease is held and extended. */
	HELD,

	/**
	 * Stored and held, and a DELETE of the instance asks the job to stop: the worker
	 * cancels it at this step boundary.
	 */
	HELD_CANCEL_REQUESTED,

	/** The lease was lost: nothing was written. */
	LEASE_LOST

}
