package dev.dbaas.pipeline.intake.order;

import java.util.Objects;

/**
 * One broken rule of a request: where it is and how to fix it.
 *
 * @param pointer JSON pointer (RFC 6901) into the request body, e.g.
 * {@code /trustedSources/1}; empty for the whole body
 * @param detail what is wrong and how to fix it, for the person filling the form
 */
public record Violation(String pointer, String detail) {

	public Violation {
		Objects.requireNonNull(pointer, "pointer");
		Objects.requireNonNull(detail, "detail");
		if (!pointer.isEmpty() && !pointer.startsWith("/")) {
			throw new IllegalArgumentException("a JSON pointer starts with '/', got " + pointer);
		}
	}

	/**
	 * Whether this violation is about {@code pointer} or something inside it.
	 * @param other a JSON pointer
	 * @return {@code true} if this pointer equals or lies below {@code other}
	 */
	public boolean isWithin(String other) {
		return this.pointer.equals(other) || this.pointer.startsWith(other + "/");
	}

}
