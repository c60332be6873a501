package dev.dbaas.pipeline.provisioner.local.engine;

import org.jspecify.annotations.Nullable;

/**
 * A server could not be installed, started or observed. It says whether trying again may
 * help and carries a stable code (upper snake case) for permanent failures.
 */
public final class EngineFailure extends Exception {

	private static final long serialVersionUID = 1L;

	/**
	 * The ordered engine version has no binaries on the class path or in the archives.
	 */
	public static final String BINARIES_MISSING = "ENGINE_BINARIES_MISSING";

	/** Another process listens on the port allocated to the instance. */
	public static final String PORT_TAKEN = "LOCAL_PORT_TAKEN";

	/** The disk holding the instances is full. */
	public static final String DISK_FULL = "LOCAL_DISK_FULL";

	private final String code;

	private final boolean retryable;

	private EngineFailure(String code, String message, boolean retryable, @Nullable Throwable cause) {
		super(message, cause);
		this.code = code;
		this.retryable = retryable;
	}

	/**
	 * A failure that retrying will not fix.
	 * @param code stable code
	 * @param message what went wrong, for people
	 * @return the failure
	 */
	public static EngineFailure permanent(String code, String message) {
		return new EngineFailure(code, message, false, null);
	}

	/**
	 * A failure that may go away, e.g. a server still starting.
	 * @param message what went wrong, for people
	 * @param cause the cause, or {@code null}
	 * @return the failure
	 */
	public static EngineFailure retryable(String message, @Nullable Throwable cause) {
		return new EngineFailure("ENGINE_NOT_READY", message, true, cause);
	}

	/**
	 * The stable code.
	 * @return upper snake case
	 */
	public String code() {
		return this.code;
	}

	/**
	 * Whether trying again later may help.
	 * @return {@code true} for transient failures
	 */
	public boolean retryable() {
		return this.retryable;
	}

}
