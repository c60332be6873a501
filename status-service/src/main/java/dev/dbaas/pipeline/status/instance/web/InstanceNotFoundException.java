package dev.dbaas.pipeline.status.instance.web;

import dev.dbaas.pipeline.status.order.InstanceId;

/**
 * No instance with this id is in the view, or it is another customer's.
 */
class InstanceNotFoundException extends RuntimeException {

	private final InstanceId instanceId;

	InstanceNotFoundException(InstanceId instanceId) {
		super("No instance " + instanceId + " in the view");
		this.instanceId = instanceId;
	}

	InstanceId instanceId() {
		return this.instanceId;
	}

}
