package dev.dbaas.pipeline.provisioner.provisioning;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Stable, machine-readable reason why provisioning failed, e.g.
 * {@code REGION_CAPACITY_EXHAUSTED}. Consumers branch on it, so a code never changes its
 * meaning. A backend may add codes of its own.
 *
 * @param value upper snake case
 */
public record FailureCode(String value) {

	private static final Pattern UPPER_SNAKE_CASE = Pattern.compile("[A-Z][A-Z0-9]*(_[A-Z0-9]+)*");

	/** The region has no capacity left for another instance. */
	public static final FailureCode REGION_CAPACITY_EXHAUSTED = new FailureCode("REGION_CAPACITY_EXHAUSTED");

	/** A step kept failing with transient errors after every retry. */
	public static final FailureCode PROVISIONING_RETRIES_EXHAUSTED = new FailureCode("PROVISIONING_RETRIES_EXHAUSTED");

	/** Provisioning did not finish before its deadline. */
	public static final FailureCode PROVISIONING_TIMEOUT = new FailureCode("PROVISIONING_TIMEOUT");

	/**
	 * The provisioner host that holds the instance (a host-bound backend) has been silent
	 * for longer than the host timeout; the order cannot run anywhere else.
	 */
	public static final FailureCode INSTANCE_HOST_UNAVAILABLE = new FailureCode("INSTANCE_HOST_UNAVAILABLE");

	public FailureCode {
		Objects.requireNonNull(value, "failure code");
		if (!UPPER_SNAKE_CASE.matcher(value).matches()) {
			throw new IllegalArgumentException("failure code '" + value + "' is not UPPER_SNAKE_CASE");
		}
	}

	@Override
	public String toString() {
		return this.value;
	}

}
