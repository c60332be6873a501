package dev.dbaas.pipeline.status.order;

import org.jspecify.annotations.Nullable;

/**
 * Identifier of a database instance, e.g. {@code db-d50584733eac4340}. The messaging edge
 * checks the contract's rule before one is made; here it is only kept bounded and
 * printable.
 *
 * @param value the id, at most {@value #MAX_LENGTH} characters
 */
public record InstanceId(String value) implements Comparable<InstanceId> {

	/** Longest accepted id. */
	public static final int MAX_LENGTH = 19;

	public InstanceId {
		Text.require("instanceId", value, MAX_LENGTH);
	}

	/**
	 * Orders by the ids' characters (ASCII, so the same as PostgreSQL's {@code "C"}
	 * collation).
	 */
	@Override
	public int compareTo(InstanceId other) {
		return this.value.compareTo(other.value);
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (this == other) || (other instanceof InstanceId id && this.value.equals(id.value));
	}

	@Override
	public int hashCode() {
		return this.value.hashCode();
	}

	@Override
	public String toString() {
		return this.value;
	}

}
