package dev.dbaas.pipeline.status.instance;

import dev.dbaas.pipeline.status.order.OrderStatus;

/**
 * Where an instance stands, as its orders tell it.
 */
public enum InstanceState {

	/** The create order is NEW or PROCESSING. */
	CREATING,

	/** The create order is DONE: the database answers. */
	RUNNING,

	/** The create order FAILED: there is no database. */
	FAILED;

	/**
	 * The state a create order in a status leaves its instance in.
	 * @param status the create order's status
	 * @return the state
	 */
	static InstanceState afterCreateOrder(OrderStatus status) {
		return switch (status) {
			case NEW, PROCESSING -> CREATING;
			case DONE -> RUNNING;
			case FAILED -> FAILED;
		};
	}

}
