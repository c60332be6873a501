package dev.dbaas.pipeline.intake.order;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One broken rule of a request: where it is and how to fix it.
 *
 * @param pointer JSON pointer (RFC 6901) into the request body, e.g.
 * {@code /trustedSources/1}; empty for the whole body
 * @param detail what is wrong and how to fix it, for the person filling the form
 * @param code stable machine-readable name of the broken rule, e.g.
 * {@code storage-off-step}, for clients that place the message next to a field;
 * {@code null} for rules that have none yet
 */
public record Violation(String pointer, String detail, @Nullable String code) {

	public Violation {
		Objects.requireNonNull(pointer, "pointer");
		Objects.requireNonNull(detail, "detail");
		if (!pointer.isEmpty() && !pointer.startsWith("/")) {
			throw new IllegalArgumentException("a JSON pointer starts with '/', got " + pointer);
		}
	}

	/**
	 * A violation of a rule without a code.
	 * @param pointer JSON pointer into the request body
	 * @param detail what is wrong and how to fix it
	 */
	public Violation(String pointer, String detail) {
		this(pointer, detail, null);
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
