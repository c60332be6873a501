package dev.dbaas.pipeline.status.instance;

import dev.dbaas.pipeline.status.order.InstanceId;

/**
 * Credentials were asked for an instance that does not run (yet, or any more).
 */
public class InstanceNotRunningException extends RuntimeException {

	private final InstanceId instanceId;

	private final InstanceState state;

	public InstanceNotRunningException(InstanceId instanceId, InstanceState state) {
		super("instance " + instanceId + " is " + state + ", not RUNNING");
		this.instanceId = instanceId;
		this.state = state;
	}

	public InstanceId instanceId() {
		return this.instanceId;
	}

	public InstanceState state() {
		return this.state;
	}

}
