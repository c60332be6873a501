package dev.dbaas.pipeline.intake.order;

import java.util.List;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * What one rule made of its part of a draft: the value it accepted, and every violation
 * it found, each with its JSON pointer.
 *
 * @param <T> the accepted value's type
 * @param value the accepted value; {@code null} if the part was rejected as a whole
 * @param violations every violation, in the order of the request's fields
 */
public record Checked<T>(@Nullable T value, List<Violation> violations) {

	public Checked {
		violations = List.copyOf(violations);
	}

	/**
	 * The violations of several rules, in the order the rules are given.
	 * @param checks the rules' results
	 * @return every violation
	 */
	static List<Violation> violationsOf(Checked<?>... checks) {
		return Stream.of(checks).flatMap((check) -> check.violations().stream()).toList();
	}

	/**
	 * The accepted value, once no rule found a violation.
	 * @return the value
	 * @throws IllegalStateException if the rule accepted nothing
	 */
	public T accepted() {
		if (this.value == null) {
			throw new IllegalStateException("validated value is missing although no violation was found");
		}
		return this.value;
	}

}
