package dev.dbaas.pipeline.status.order;

/**
 * Where an order stands. Statuses only move forward: NEW &lt; PROCESSING &lt; DONE,
 * FAILED or CANCELLED, and the three terminal statuses never move again.
 */
public enum OrderStatus {

	/** Placed, not yet picked up by the provisioner. */
	NEW(0),

	/** The provisioner is working on it, step by step. */
	PROCESSING(1),

	/** The database runs. Terminal. */
	DONE(2),

	/** Provisioning gave up, with a failure code. Terminal. */
	FAILED(2),

	/**
	 * A create stopped by a DELETE of its instance before it finished; what the backend
	 * had allocated is released. Terminal.
	 */
	CANCELLED(2);

	private final int rank;

	OrderStatus(int rank) {
		this.rank = rank;
	}

	/**
	 * How far along the lifecycle this status is; a higher rank supersedes a lower one.
	 * @return 0 for NEW, 1 for PROCESSING, 2 for DONE, FAILED and CANCELLED
	 */
	public int rank() {
		return this.rank;
	}

	/**
	 * Whether the order can no longer change status.
	 * @return {@code true} for DONE, FAILED and CANCELLED
	 */
	public boolean isTerminal() {
		return this.rank == 2;
	}

}
