package dev.dbaas.pipeline.intake.instance;

/**
 * Whether an instance takes orders: only an {@link #ACTIVE} one does.
 */
public enum InstanceState {

	/** Created or being created, changed or being changed: takes orders. */
	ACTIVE,

	/** Its create failed, or a change left it unusable: takes no more orders. */
	FAILED,

	/** Its DELETE is done: takes no more orders. */
	DELETED

}
