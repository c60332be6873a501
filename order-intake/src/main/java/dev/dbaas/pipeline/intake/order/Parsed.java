package dev.dbaas.pipeline.intake.order;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What parsing one value of an order gave: the value, or the reason it is rejected,
 * phrased for the person filling the form, and a corrected spelling where one is obvious.
 *
 * @param <T> the value type
 */
public sealed interface Parsed<T> {

	/**
	 * The value, or a report of why there is none.
	 * @param pointer JSON pointer of the value in the request
	 * @param violations where a rejection is reported
	 * @return the value, or {@code null} if it was rejected
	 */
	@Nullable T reportTo(String pointer, List<Violation> violations);

	/**
	 * The input is a valid value.
	 *
	 * @param <T> the value type
	 * @param value the parsed value
	 */
	record Valid<T>(T value) implements Parsed<T> {

		public Valid {
			Objects.requireNonNull(value, "value");
		}

		@Override
		public T reportTo(String pointer, List<Violation> violations) {
			return this.value;
		}

	}

	/**
	 * The input is rejected.
	 *
	 * @param <T> the value type
	 * @param detail what is wrong and how to fix it
	 * @param suggestion a corrected spelling of the input that would parse ("did you
	 * mean"), or {@code null} if there is no obvious one
	 */
	record Invalid<T>(String detail, @Nullable String suggestion) implements Parsed<T> {

		public Invalid {
			Objects.requireNonNull(detail, "detail");
		}

		@Override
		public @Nullable T reportTo(String pointer, List<Violation> violations) {
			violations.add(new Violation(pointer, this.detail));
			return null;
		}

	}

}
