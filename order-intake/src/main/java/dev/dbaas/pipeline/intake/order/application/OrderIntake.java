package dev.dbaas.pipeline.intake.order.application;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import dev.dbaas.pipeline.intake.catalog.Catalog;
import dev.dbaas.pipeline.intake.idempotency.IdempotencyKey;
import dev.dbaas.pipeline.intake.idempotency.IdempotencyKeys;
import dev.dbaas.pipeline.intake.idempotency.IdempotencyScope;
import dev.dbaas.pipeline.intake.idempotency.RememberedOutcome;
import dev.dbaas.pipeline.intake.order.Order;
import dev.dbaas.pipeline.intake.order.OrderDraft;
import dev.dbaas.pipeline.intake.order.OrderEvents;
import dev.dbaas.pipeline.intake.order.OrderId;
import dev.dbaas.pipeline.intake.order.OrderPlaced;
import dev.dbaas.pipeline.intake.order.OrderSpec;
import dev.dbaas.pipeline.intake.order.OrderValidator;
import dev.dbaas.pipeline.intake.order.Orders;
import dev.dbaas.pipeline.intake.order.Validation;
import dev.dbaas.pipeline.intake.order.Violation;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Places orders: validates them against the catalog, then, in one transaction, checks the
 * idempotency key, stores the order, records its event in the outbox and remembers the
 * outcome for retries. Returns only after commit.
 *
 * <p>
 * An accepted order is logged once, after commit, with its id in the MDC as
 * {@code orderId} (next to the request's {@code traceId}, which its {@code OrderPlaced}
 * record carries on).
 *
 * <p>
 * Thread-safe. Database failures surface as Spring's {@code DataAccessException} or
 * {@code TransactionException}; nothing is accepted unless it committed.
 */
@Service
public class OrderIntake {

	/** MDC key of the order id, the same in every service. */
	private static final String ORDER_ID = "orderId";

	private static final Logger log = LoggerFactory.getLogger(OrderIntake.class);

	private final OrderValidator validator;

	private final Orders orders;

	private final OrderEvents events;

	private final IdempotencyKeys idempotencyKeys;

	private final TransactionTemplate transactions;

	private final Clock clock;

	public OrderIntake(Catalog catalog, Orders orders, OrderEvents events, IdempotencyKeys idempotencyKeys,
			TransactionTemplate transactions, Clock clock) {
		this.validator = new OrderValidator(catalog);
		this.orders = orders;
		this.events = events;
		this.idempotencyKeys = idempotencyKeys;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * Places an order.
	 * @param clientId the authenticated client placing it; scopes the idempotency key
	 * together with the order's customer
	 * @param key the request's idempotency key
	 * @param draft the order as sent
	 * @return the outcome; {@link Placement.Accepted} only after commit
	 */
	public Placement place(String clientId, IdempotencyKey key, OrderDraft draft) {
		Validation validation = this.validator.validate(draft);
		if (validation instanceof Validation.Invalid invalid) {
			return new Placement.Rejected(invalid.violations());
		}
		OrderSpec spec = ((Validation.Valid) validation).spec();
		Placement placement = this.transactions.execute((status) -> placeOnce(clientId, key, spec));
		if (placement == null) {
			throw new IllegalStateException("transaction returned no placement");
		}
		if (placement instanceof Placement.Accepted accepted) {
			logAccepted(accepted, spec);
		}
		return placement;
	}

	/**
	 * Checks a draft against the catalog without placing it, e.g. to report semantic
	 * problems next to syntactic ones.
	 * @param draft the order as sent
	 * @return every violation; empty if the draft is valid
	 */
	public List<Violation> check(OrderDraft draft) {
		Validation validation = this.validator.validate(draft);
		return (validation instanceof Validation.Invalid invalid) ? invalid.violations() : List.of();
	}

	private static void logAccepted(Placement.Accepted accepted, OrderSpec spec) {
		String orderId = accepted.orderId().toString();
		try (MDC.MDCCloseable context = MDC.putCloseable(ORDER_ID, orderId)) {
			if (accepted.replayed()) {
				log.info("Replayed order {} of customer {} for a retry with the same idempotency key", orderId,
						spec.customerId().value());
			}
			else {
				log.info("Accepted order {} of customer {}", orderId, spec.customerId().value());
			}
		}
	}

	private Placement placeOnce(String clientId, IdempotencyKey key, OrderSpec spec) {
		IdempotencyScope scope = new IdempotencyScope(clientId, spec.customerId().value());
		if (!this.idempotencyKeys.tryLock(scope, key)) {
			return new Placement.KeyInUse();
		}
		String fingerprint = spec.fingerprint();
		Optional<RememberedOutcome> earlier = this.idempotencyKeys.find(scope, key);
		if (earlier.isPresent()) {
			RememberedOutcome outcome = earlier.get();
			if (!outcome.requestFingerprint().equals(fingerprint)) {
				return new Placement.KeyReusedForDifferentOrder();
			}
			return new Placement.Accepted(new OrderId(outcome.resourceId()), outcome.createdAt(), true);
		}
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
		OrderPlaced placed = Order.place(spec, OrderId.random(), now);
		Order order = placed.order();
		this.orders.add(order);
		this.events.placed(placed);
		this.idempotencyKeys.remember(scope, key, new RememberedOutcome(fingerprint, order.id().value(), now));
		return new Placement.Accepted(order.id(), now, false);
	}

}
