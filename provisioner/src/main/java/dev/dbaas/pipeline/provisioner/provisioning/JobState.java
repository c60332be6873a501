package dev.dbaas.pipeline.provisioner.provisioning;

/**
 * Where a provisioning job stands. {@link #DONE} and {@link #FAILED} are terminal.
 */
public enum JobState {

	/** Steps remain; the job is due at its due time. */
	PROCESSING,

	/** The database is provisioned and healthy. */
	DONE,

	/** Provisioning failed for good. */
	FAILED;

	/**
	 * Whether nothing will happen to the job any more.
	 * @return {@code true} for DONE and FAILED
	 */
	public boolean isTerminal() {
		return this != PROCESSING;
	}

}
