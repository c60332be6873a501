package dev.dbaas.pipeline.intake.order;

/**
 * What an order does to its instance: {@link #CREATE} makes it, {@link #UPDATE} changes
 * its settings, {@link #DELETE} removes it (docs/lifecycle.md).
 */
public enum OrderType {

	/** Makes the instance; its version 1. */
	CREATE,

	/** Changes some of the instance's settings. */
	UPDATE,

	/** Removes the instance, or cancels its create while that still runs. */
	DELETE

}
