package dev.dbaas.pipeline.status.order;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.zip.CRC32;

import org.jspecify.annotations.Nullable;

/**
 * The current state of one order, as far as the events seen so far tell it.
 *
 * <p>
 * {@link #mergedWith(OrderView)} is a join: commutative, associative and idempotent. Any
 * set of events, delivered in any order, any number of times and in any batching, merges
 * into the same view. That is what lets the view converge under Kafka's redelivery and
 * replays, and what the database's upsert repeats in SQL.
 * <ul>
 * <li>The status comes from the {@link Transition#supersedes(Transition) winning}
 * transition: statuses only move forward and a terminal one never regresses.</li>
 * <li>Details come from the earliest placement, and arrive whenever {@code OrderPlaced}
 * does, without moving the status back.</li>
 * <li>The customer is the placement's, or before it arrives, the winning status
 * event's.</li>
 * <li>The instance, with its sealed credentials, comes from the report with the highest
 * sequence.</li>
 * <li>The instance id comes from the {@link InstanceClaim#PRECEDENCE preferred} claim: a
 * named id beats a derived one, then the smaller id wins.</li>
 * <li>{@code lastSequence} is the highest sequence seen, {@code orderedAt} the earliest
 * event time and {@code updatedAt} the latest.</li>
 * <li>The status report (order type, instance usable, observed settings) is the winning
 * status event's, like the status.</li>
 * </ul>
 *
 * @param orderId the order
 * @param customerId whose order it is
 * @param current the transition that sets the current status
 * @param placement the placement, or {@code null} until {@code OrderPlaced} arrives
 * @param instanceReport the latest instance report, or {@code null}
 * @param lastSequence highest status-event sequence seen, or
 * {@link Transition#PLACEMENT_SEQUENCE} if none
 * @param orderedAt when the order was placed: the earliest event time seen
 * @param updatedAt the latest event time seen
 * @param instanceClaim the instance the order belongs to, or {@code null} for an order
 * projected before instances had ids
 * @param statusReport what the winning status event said besides the status;
 * {@link StatusReport#NONE} for a placement
 */
public record OrderView(OrderId orderId, String customerId, Transition current, @Nullable Placement placement,
		@Nullable InstanceReport instanceReport, long lastSequence, Instant orderedAt, Instant updatedAt,
		@Nullable InstanceClaim instanceClaim, StatusReport statusReport) {

	public OrderView {
		if (orderId == null || customerId == null || current == null || orderedAt == null || updatedAt == null
				|| statusReport == null) {
			throw new IllegalArgumentException("an order view needs an id, a customer, a status and its times");
		}
		if (placement != null && !placement.customerId().equals(customerId)) {
			throw new IllegalArgumentException("the customer of a placed order is the placement's");
		}
	}

	/**
	 * The view that one event alone gives.
	 * @param event the event
	 * @return the view
	 */
	public static OrderView of(OrderEvent event) {
		if (event instanceof OrderEvent.Placed placed) {
			Placement placement = placed.placement();
			return new OrderView(placed.orderId(), placed.customerId(), placement.transition(), placement, null,
					Transition.PLACEMENT_SEQUENCE, placed.occurredAt(), placed.occurredAt(), placed.instanceClaim(),
					StatusReport.NONE);
		}
		OrderEvent.StatusChanged changed = (OrderEvent.StatusChanged) event;
		Instance instance = changed.instance();
		InstanceReport report = (instance != null)
				? new InstanceReport(instance, changed.credentials(), changed.sequence(), changed.eventId()) : null;
		return new OrderView(changed.orderId(), changed.customerId(), changed.transition(), null, report,
				changed.sequence(), changed.occurredAt(), changed.occurredAt(), changed.instanceClaim(),
				changed.report());
	}

	/**
	 * Joins what this view and another view of the same order know.
	 * @param other another view of the same order
	 * @return the joined view
	 */
	public OrderView mergedWith(OrderView other) {
		if (!this.orderId.equals(other.orderId)) {
			throw new IllegalArgumentException("cannot merge order " + this.orderId + " with " + other.orderId);
		}
		boolean otherStatusWins = other.current.supersedes(this.current);
		Transition current = otherStatusWins ? other.current : this.current;
		Placement placement = either(this.placement, other.placement, Placement::earliest);
		String customerId = (placement != null) ? placement.customerId()
				: (otherStatusWins ? other.customerId : this.customerId);
		InstanceReport instance = either(this.instanceReport, other.instanceReport, InstanceReport::latest);
		return new OrderView(this.orderId, customerId, current, placement, instance,
				Math.max(this.lastSequence, other.lastSequence), min(this.orderedAt, other.orderedAt),
				max(this.updatedAt, other.updatedAt),
				either(this.instanceClaim, other.instanceClaim, InstanceClaim::preferred),
				otherStatusWins ? other.statusReport : this.statusReport);
	}

	/**
	 * Applies one more event.
	 * @param event an event of this order
	 * @return the view with the event merged in
	 */
	public OrderView apply(OrderEvent event) {
		return mergedWith(of(event));
	}

	public OrderStatus status() {
		return this.current.status();
	}

	public @Nullable String step() {
		return this.current.step();
	}

	public @Nullable Failure failure() {
		return this.current.failure();
	}

	public @Nullable OrderDetails details() {
		return (this.placement != null) ? this.placement.details() : null;
	}

	public @Nullable Instant placedAt() {
		return (this.placement != null) ? this.placement.placedAt() : null;
	}

	/**
	 * What the order does: the placement's type, before it arrives the status events',
	 * and CREATE for an order whose events predate change orders.
	 * @return the type
	 */
	public OrderType type() {
		if (this.placement != null) {
			return this.placement.terms().type();
		}
		OrderType reported = this.statusReport.orderType();
		return (reported != null) ? reported : OrderType.CREATE;
	}

	/**
	 * The order's terms, once its placement arrived.
	 * @return the terms, or {@code null}
	 */
	public @Nullable OrderTerms terms() {
		return (this.placement != null) ? this.placement.terms() : null;
	}

	public @Nullable Instance instance() {
		return (this.instanceReport != null) ? this.instanceReport.instance() : null;
	}

	public @Nullable InstanceId instanceId() {
		return (this.instanceClaim != null) ? this.instanceClaim.instanceId() : null;
	}

	public @Nullable SealedCredentials credentials() {
		return (this.instanceReport != null) ? this.instanceReport.credentials() : null;
	}

	/**
	 * A version of what readers see of this order: the last sequence, then a checksum of
	 * the visible state. It changes whenever the visible state does, also when details
	 * arrive without a new sequence, and is the same on every instance of the service.
	 * @return e.g. {@code 7-1c291ca3}
	 */
	public String version() {
		StringBuilder visible = new StringBuilder().append(this.customerId)
			.append('|')
			.append(this.current.status().name())
			.append('|')
			.append(this.current.step())
			.append('|')
			.append(this.current.failure())
			.append('|')
			.append(this.placement)
			.append('|')
			.append(instance())
			.append('|')
			.append(this.updatedAt)
			.append('|')
			.append(instanceId())
			.append('|')
			.append(this.statusReport);
		CRC32 crc = new CRC32();
		crc.update(visible.toString().getBytes(StandardCharsets.UTF_8));
		long sequence = Math.max(this.lastSequence, 0);
		String checksum = Long.toHexString(crc.getValue());
		return sequence + "-" + "00000000".substring(checksum.length()) + checksum;
	}

	private static <T> @Nullable T either(@Nullable T a, @Nullable T b, java.util.function.BinaryOperator<T> join) {
		if (a == null) {
			return b;
		}
		if (b == null) {
			return a;
		}
		return join.apply(a, b);
	}

	private static Instant min(Instant a, Instant b) {
		return a.isBefore(b) ? a : b;
	}

	private static Instant max(Instant a, Instant b) {
		return a.isAfter(b) ? a : b;
	}

}
