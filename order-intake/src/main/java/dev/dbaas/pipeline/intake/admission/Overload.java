package dev.dbaas.pipeline.intake.admission;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Why an order was refused without being looked at further: a bound of the intake is
 * reached. Nothing was stored; the client retries after {@code retryAfter} with the same
 * idempotency key.
 *
 * @param bound which bound
 * @param count how many there were (orders in flight, or orders waiting for a writer)
 * @param limit the bound's value
 * @param retryAfter how long the client should wait, at least one second
 */
public record Overload(Bound bound, long count, long limit, Duration retryAfter) {

	public Overload {
		Objects.requireNonNull(bound, "bound");
		Objects.requireNonNull(retryAfter, "retryAfter");
	}

	/**
	 * {@code Retry-After} in whole seconds, at least 1.
	 * @return the seconds
	 */
	public long retryAfterSeconds() {
		return Math.max(1, (this.retryAfter.toMillis() + 999) / 1000);
	}

	/**
	 * The bounds admission control keeps.
	 */
	public enum Bound {

		/**
		 * Orders accepted and not yet terminal
		 * ({@code intake.admission.max-orders-in-flight}): the pipeline behind the intake
		 * is behind.
		 */
		ORDERS_IN_FLIGHT("orders-in-flight"),

		/**
		 * Creates waiting for a placement writer ({@code intake.placement.max-queued}):
		 * the intake's own database writes are behind.
		 */
		PLACEMENT_QUEUE("placement-queue");

		private final String member;

		Bound(String member) {
			this.member = member;
		}

		/**
		 * The value of the problem's {@code bound} member.
		 * @return e.g. {@code orders-in-flight}
		 */
		public String member() {
			return this.member;
		}

		/**
		 * The tag value of {@code intake_orders_refused_total{reason}}.
		 * @return e.g. {@code orders_in_flight}
		 */
		public String reason() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}
