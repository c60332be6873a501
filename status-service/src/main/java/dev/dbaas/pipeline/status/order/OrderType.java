package dev.dbaas.pipeline.status.order;

/**
 * What an order does to its instance. Every change of an instance is an order of its own
 * (docs/lifecycle.md).
 */
public enum OrderType {

	/** Makes the instance; its version 1. */
	CREATE,

	/**
	 * Changes settings of the instance (storage, node size, trusted sources, deletion
	 * protection).
	 */
	UPDATE,

	/** Removes the instance; while its create still runs, cancels the create. */
	DELETE;

	/**
	 * Whether the order changes an existing instance rather than making it.
	 * @return {@code true} for UPDATE and DELETE
	 */
	public boolean isChange() {
		return this != CREATE;
	}

}
