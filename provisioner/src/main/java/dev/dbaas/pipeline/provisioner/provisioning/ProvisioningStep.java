package dev.dbaas.pipeline.provisioner.provisioning;

import java.util.Optional;

/**
 * The steps that turn an order into a usable database, in the order they run. The
 * database counts as provisioned only after {@link #HEALTH_CHECK} passed.
 */
public enum ProvisioningStep {

	/** Allocate a node of the ordered size in the ordered region. */
	ALLOCATE_NODE("NODE_ALLOCATION_FAILED"),

	/** Attach a storage volume of the ordered size. */
	ATTACH_STORAGE("STORAGE_ATTACHMENT_FAILED"),

	/** Let exactly the trusted sources connect; everything else stays blocked. */
	CONFIGURE_FIREWALL("FIREWALL_CONFIGURATION_FAILED"),

	/** Install the ordered engine type and version. */
	INSTALL_ENGINE("ENGINE_INSTALLATION_FAILED"),

	/** Create the admin credentials (kept by the backend, never published). */
	CREATE_ADMIN_CREDENTIALS("ADMIN_CREDENTIALS_FAILED"),

	/** Check that the database accepts connections. */
	HEALTH_CHECK("HEALTH_CHECK_FAILED");

	private final FailureCode failureCode;

	ProvisioningStep(String failureCode) {
		this.failureCode = new FailureCode(failureCode);
	}

	/**
	 * The first step of every provisioning.
	 * @return {@link #ALLOCATE_NODE}
	 */
	public static ProvisioningStep first() {
		return values()[0];
	}

	/**
	 * The step after this one.
	 * @return the next step, or empty after the last step
	 */
	public Optional<ProvisioningStep> next() {
		int next = ordinal() + 1;
		return (next < values().length) ? Optional.of(values()[next]) : Optional.empty();
	}

	/**
	 * Whether this is the health check that makes a database count as provisioned.
	 * @return {@code true} for the last step
	 */
	public boolean isLast() {
		return next().isEmpty();
	}

	/**
	 * The stable code of a permanent failure of this step.
	 * @return e.g. {@code ENGINE_INSTALLATION_FAILED}
	 */
	public FailureCode failureCode() {
		return this.failureCode;
	}

}
