package dev.dbaas.pipeline.intake.order;

/**
 * Status of an order as the intake knows it. The intake only ever creates {@code NEW}
 * orders; the provisioner moves them on.
 */
public enum OrderStatus {

	/** Accepted and waiting to be provisioned. */
	NEW

}
