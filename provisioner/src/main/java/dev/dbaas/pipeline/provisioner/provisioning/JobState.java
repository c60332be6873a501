package dev.dbaas.pipeline.provisioner.provisioning;

/**
 * Where a provisioning job stands. {@link #DONE}, {@link #FAILED} and {@link #CANCELLED}
 * are terminal.
 */
public enum JobState {

	/** Steps remain; the job is due at its due time. */
	PROCESSING,

	/** The order is applied: the database is provisioned, changed or deleted. */
	DONE,

	/** The order failed for good. */
	FAILED,

	/** A create stopped by a DELETE of its instance; what it allocated was released. */
	CANCELLED;

	/**
	 * Whether nothing will happen to the job any more.
	 * @return {@code true} for DONE, FAILED and CANCELLED
	 */
	public boolean isTerminal() {
		return this != PROCESSING;
	}

}
