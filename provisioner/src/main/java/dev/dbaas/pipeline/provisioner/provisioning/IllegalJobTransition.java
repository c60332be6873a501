package dev.dbaas.pipeline.provisioner.provisioning;

/**
 * A change was asked of a job that cannot take it: the job is already DONE or FAILED, or
 * the change is for a step other than the one the job is at. Thrown instead of silently
 * emitting a second terminal status.
 */
public class IllegalJobTransition extends IllegalStateException {

	public IllegalJobTransition(String message) {
		super(message);
	}

}
