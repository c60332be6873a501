package dev.dbaas.pipeline.status.instance;

import org.jspecify.annotations.Nullable;

/**
 * Whose instances a reader may see: one customer's, or every customer's. An instance the
 * reader may not see is treated exactly like one that does not exist. Immutable.
 *
 * @param customerId the one customer whose instances the reader sees, or {@code null} for
 * every customer
 */
public record InstanceReader(@Nullable String customerId) {

	/** Sees every customer's instances. */
	public static final InstanceReader ANY_CUSTOMER = new InstanceReader(null);

	public InstanceReader {
		if (customerId != null && customerId.isBlank()) {
			throw new IllegalArgumentException("a reader's customer id is not blank");
		}
	}

	/**
	 * Whether the reader may see an instance.
	 * @param instance the instance
	 * @return {@code true} if it is the reader's customer's, or the reader sees all
	 */
	public boolean sees(InstanceView instance) {
		return this.customerId == null || this.customerId.equals(instance.customerId());
	}

}
