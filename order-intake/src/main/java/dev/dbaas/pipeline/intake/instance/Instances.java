package dev.dbaas.pipeline.intake.instance;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import dev.dbaas.pipeline.intake.order.InstanceId;

/**
 * Where instances are kept. Implementations join the caller's transaction; a locked
 * instance stays locked until it ends, so concurrent changes of one instance are decided
 * one after the other.
 */
public interface Instances {

	/**
	 * Reads an instance and locks it for the rest of the transaction, waiting for another
	 * transaction that holds it.
	 * @param id the instance
	 * @return the instance, if there is one with this id
	 */
	Optional<Instance> lock(InstanceId id);

	/**
	 * Reads and locks several instances, in one order every caller uses (so that two
	 * callers never wait for each other).
	 * @param ids the instances
	 * @return the instances that exist
	 */
	List<Instance> lock(Collection<InstanceId> ids);

	/**
	 * Stores an instance as it is after a transition.
	 * @param instance the instance, which exists
	 */
	void save(Instance instance);

}
