package dev.dbaas.pipeline.status.instance;

/**
 * Where an instance stands, as its orders tell it (docs/lifecycle.md). See
 * {@link InstanceView#state()} for how the orders decide it.
 */
public enum InstanceState {

	/** The create order is NEW or PROCESSING. */
	CREATING,

	/** The create order is DONE and no change order is pending: the database answers. */
	RUNNING,

	/** An UPDATE order is pending; the database still answers with its old settings. */
	UPDATING,

	/** A DELETE order is pending, including one that cancels a running create. */
	DELETING,

	/** A DELETE order is DONE: the database and its data are gone. */
	DELETED,

	/**
	 * The create FAILED, or a change FAILED and left the instance unusable: there is no
	 * database that serves.
	 */
	FAILED;

	/**
	 * Whether the database answers in this state, so that its connection facts and
	 * credentials are shown.
	 * @return {@code true} for RUNNING and UPDATING
	 */
	public boolean serves() {
		return this == RUNNING || this == UPDATING;
	}

}
