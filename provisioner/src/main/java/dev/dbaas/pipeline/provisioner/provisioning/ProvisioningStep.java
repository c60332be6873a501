package dev.dbaas.pipeline.provisioner.provisioning;

import java.util.List;

/**
 * The steps of every order type. A CREATE runs {@link #CREATE_STEPS} and counts as
 * provisioned only after {@link #HEALTH_CHECK} passed; an UPDATE runs the apply steps of
 * what it changes, then {@link #VERIFY_SETTINGS}; a DELETE runs {@link #DELETE_STEPS}
 * ({@link OrderType#steps}).
 */
public enum ProvisioningStep {

	/** Allocate a node of the ordered size in the ordered region. */
	ALLOCATE_NODE("NODE_ALLOCATION_FAILED", true),

	/** Attach a storage volume of the ordered size. */
	ATTACH_STORAGE("STORAGE_ATTACHMENT_FAILED", true),

	/** Let exactly the trusted sources connect; everything else stays blocked. */
	CONFIGURE_FIREWALL("FIREWALL_CONFIGURATION_FAILED", true),

	/** Install the ordered engine type and version. */
	INSTALL_ENGINE("ENGINE_INSTALLATION_FAILED", true),

	/** Create the admin credentials (kept by the backend, never published). */
	CREATE_ADMIN_CREDENTIALS("ADMIN_CREDENTIALS_FAILED", true),

	/** Check that the database accepts connections. */
	HEALTH_CHECK("HEALTH_CHECK_FAILED", true),

	/** UPDATE: grow the storage, without interruption. */
	APPLY_STORAGE("STORAGE_CHANGE_FAILED", true),

	/** UPDATE: run the server with the new node size (a restart, reported). */
	APPLY_NODE_SIZE("NODE_SIZE_CHANGE_FAILED", false),

	/** UPDATE: let exactly the new trusted sources in, without restart. */
	APPLY_TRUSTED_SOURCES("TRUSTED_SOURCES_CHANGE_FAILED", true),

	/** UPDATE: read the settings back from the running server. */
	VERIFY_SETTINGS("SETTINGS_VERIFICATION_FAILED", true),

	/** DELETE: stop the server. */
	STOP_SERVER("SERVER_STOP_FAILED", true),

	/** DELETE: remove the instance's data and free what it held. */
	REMOVE_DATA("DATA_REMOVAL_FAILED", false),

	/** DELETE: check that nothing answers any more. */
	VERIFY_DELETED("DELETION_VERIFICATION_FAILED", false);

	/** The steps of a CREATE, in order. */
	public static final List<ProvisioningStep> CREATE_STEPS = List.of(ALLOCATE_NODE, ATTACH_STORAGE, CONFIGURE_FIREWALL,
			INSTALL_ENGINE, CREATE_ADMIN_CREDENTIALS, HEALTH_CHECK);

	/** The steps of a DELETE, in order. */
	public static final List<ProvisioningStep> DELETE_STEPS = List.of(STOP_SERVER, REMOVE_DATA, VERIFY_DELETED);

	private final FailureCode failureCode;

	private final boolean usableAfterFailure;

	ProvisioningStep(String failureCode, boolean usableAfterFailure) {
		this.failureCode = new FailureCode(failureCode);
		this.usableAfterFailure = usableAfterFailure;
	}

	/**
	 * The stable code of a permanent failure of this step.
	 * @return e.g. {@code ENGINE_INSTALLATION_FAILED}
	 */
	public FailureCode failureCode() {
		return this.failureCode;
	}

	/**
	 * Whether a change whose backend says nothing else still leaves a usable instance
	 * when it fails at this step: a storage grow or a rewrite of the access rules keeps
	 * the old settings; a restart for a new node size, or a delete past stopping, may
	 * not.
	 * @return the default {@code instanceUsable} of a failure here
	 */
	public boolean usableAfterFailure() {
		return this.usableAfterFailure;
	}

}
