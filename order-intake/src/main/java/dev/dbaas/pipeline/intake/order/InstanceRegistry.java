package dev.dbaas.pipeline.intake.order;

import java.util.List;

/**
 * Where the instances that creates make are registered, so that their change orders find
 * them: at version 1, with the create pending. Implementations join the caller's
 * transaction, so an instance exists if and only if its create was stored.
 */
public interface InstanceRegistry {

	/**
	 * Registers the instances of new creates.
	 * @param creates accepted orders of type {@link OrderType#CREATE}
	 */
	void register(List<Order> creates);

}
