package dev.dbaas.pipeline.intake.instance.application;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.dbaas.pipeline.contract.instance.InstanceIdRule;
import dev.dbaas.pipeline.intake.admission.Admission;
import dev.dbaas.pipeline.intake.admission.Overload;
import dev.dbaas.pipeline.intake.catalog.Catalog;
import dev.dbaas.pipeline.intake.idempotency.IdempotencyKey;
import dev.dbaas.pipeline.intake.idempotency.IdempotencyKeys;
import dev.dbaas.pipeline.intake.idempotency.IdempotencyScope;
import dev.dbaas.pipeline.intake.idempotency.RememberedOutcome;
import dev.dbaas.pipeline.intake.idempotency.ScopedKey;
import dev.dbaas.pipeline.intake.instance.ChangeDraft;
import dev.dbaas.pipeline.intake.instance.ChangeRules;
import dev.dbaas.pipeline.intake.instance.Decision;
import dev.dbaas.pipeline.intake.instance.Instance;
import dev.dbaas.pipeline.intake.instance.Instances;
import dev.dbaas.pipeline.intake.instance.Precondition;
import dev.dbaas.pipeline.intake.instance.Refusal;
import dev.dbaas.pipeline.intake.order.Checked;
import dev.dbaas.pipeline.intake.order.CustomerId;
import dev.dbaas.pipeline.intake.order.InstanceId;
import dev.dbaas.pipeline.intake.order.Order;
import dev.dbaas.pipeline.intake.order.OrderEvents;
import dev.dbaas.pipeline.intake.order.OrderId;
import dev.dbaas.pipeline.intake.order.OrderPlaced;
import dev.dbaas.pipeline.intake.order.OrderSpec;
import dev.dbaas.pipeline.intake.order.OrderValidator;
import dev.dbaas.pipeline.intake.order.Orders;
import dev.dbaas.pipeline.intake.order.PlacedOrders;
import dev.dbaas.pipeline.intake.order.Violation;
import dev.dbaas.pipeline.security.Caller;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Places change orders (UPDATE, DELETE) of instances, per docs/lifecycle.md. Checks that
 * need no store run first, on the request's thread (key, body, customer, structure); then
 * one transaction takes the idempotency key, replays an earlier outcome of it, locks the
 * instance's row, lets the instance decide ({@link ChangeRules}), and for an accepted
 * order stores the order with the instance's complete desired settings after it, changes
 * the instance (next version, the order pending), records the {@code OrderPlaced} in the
 * outbox and remembers the outcome for retries. Returns only after commit.
 *
 * <p>
 * Change orders do not take part in the group commit of creates: a change waits for its
 * instance's lock, which would hold up every create of its group.
 *
 * <p>
 * While {@link Admission} says too many orders are in flight, a change order is refused
 * before its transaction (decision 0046), unless it retries one accepted earlier, which
 * is replayed.
 *
 * <p>
 * Thread-safe. Database failures surface as Spring's {@code DataAccessException} or
 * {@code TransactionException}; nothing is accepted unless it committed.
 */
@Service
public class ChangeOrderIntake {

	/** MDC key of the order id, the same in every service. */
	private static final String ORDER_ID = "orderId";

	private static final Logger log = LoggerFactory.getLogger(ChangeOrderIntake.class);

	private final OrderValidator validator;

	private final ChangeRules rules;

	private final Instances instances;

	private final Orders orders;

	private final PlacedOrders placedOrders;

	private final OrderEvents events;

	private final IdempotencyKeys idempotencyKeys;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final Admission admission;

	public ChangeOrderIntake(Catalog catalog, Instances instances, Orders orders, PlacedOrders placedOrders,
			OrderEvents events, IdempotencyKeys idempotencyKeys, TransactionTemplate transactions, Clock clock,
			Admission admission) {
		this.validator = new OrderValidator(catalog, clock);
		this.rules = new ChangeRules(this.validator);
		this.instances = instances;
		this.orders = orders;
		this.placedOrders = placedOrders;
		this.events = events;
		this.idempotencyKeys = idempotencyKeys;
		this.transactions = transactions;
		this.clock = clock;
		this.admission = admission;
	}

	/**
	 * Places a change order.
	 * @param submission the request as it arrived
	 * @return the outcome; {@link ChangePlacement.Accepted} only after commit
	 */
	public ChangePlacement place(ChangeSubmission submission) {
		String key = submission.idempotencyKey();
		if (key == null) {
			return new ChangePlacement.MissingIdempotencyKey();
		}
		if (!IdempotencyKey.isValid(key)) {
			return new ChangePlacement.InvalidIdempotencyKey();
		}
		if (submission.body() instanceof ChangeSubmission.Body.Unreadable unreadable) {
			return new ChangePlacement.UnreadableBody(unreadable.reason());
		}
		ChangeSubmission.Body.Read read = (ChangeSubmission.Body.Read) submission.body();
		Caller caller = submission.caller();
		ChangeDraft draft = read.draft();
		if (draft.customerId() != null && !caller.mayActFor(draft.customerId())) {
			return new ChangePlacement.ForeignCustomer();
		}
		if (!read.problems().isEmpty()) {
			return new ChangePlacement.MalformedBody(read.problems());
		}
		Checked<CustomerId> customer = customerOf(caller, draft);
		if (!customer.violations().isEmpty()) {
			return new ChangePlacement.Rejected(customer.violations());
		}
		if (!InstanceIdRule.isValid(submission.instanceId())) {
			return new ChangePlacement.InstanceNotFound();
		}
		InstanceId instanceId = new InstanceId(submission.instanceId());
		Request request = new Request(caller.clientId(), instanceId, customer.accepted(), draft,
				Precondition.ifMatch(submission.ifMatch()),
				new ScopedKey(new IdempotencyScope(caller.clientId(), customer.accepted().value()),
						new IdempotencyKey(key)),
				draft.fingerprint(instanceId.value(), customer.accepted().value(), this.rules.canonicalSources(draft)));
		Optional<Overload> overload = this.admission.admit();
		ChangePlacement placement = (overload.isPresent()) ? replayOr(request, overload.get()) : this.admission.writing(
				() -> this.transactions.execute((status) -> placeLocked(request)), ChangeOrderIntake::newlyAccepted);
		if (placement == null) {
			throw new IllegalStateException("transaction returned no placement");
		}
		if (placement instanceof ChangePlacement.Accepted accepted) {
			logAccepted(accepted, customer.accepted());
		}
		return placement;
	}

	private static long newlyAccepted(@Nullable ChangePlacement placement) {
		return (placement instanceof ChangePlacement.Accepted accepted && !accepted.replayed()) ? 1 : 0;
	}

	/**
	 * The answer to a change order that cannot be placed now: the replay of one accepted
	 * earlier with its key, else the overload. Reads the key without locking it.
	 */
	private ChangePlacement replayOr(Request request, Overload overload) {
		RememberedOutcome earlier = this.idempotencyKeys.find(List.of(request.key())).get(request.key());
		return (earlier != null) ? replay(request, earlier) : new ChangePlacement.Overloaded(overload);
	}

	/**
	 * The customer the order is for: a customer token's own, else the {@code customerId}
	 * a service token must name.
	 */
	private Checked<CustomerId> customerOf(Caller caller, ChangeDraft draft) {
		String named = (draft.customerId() != null) ? draft.customerId() : caller.customerId();
		if (named == null) {
			return new Checked<>(null,
					List.of(new Violation("/customerId",
							"customerId is missing; a service token names the customer the instance belongs to",
							"customer-missing")));
		}
		return this.validator.checkCustomer(named);
	}

	private ChangePlacement placeLocked(Request request) {
		if (!this.idempotencyKeys.tryLock(List.of(request.key()))[0]) {
			return new ChangePlacement.KeyInUse();
		}
		RememberedOutcome earlier = this.idempotencyKeys.find(List.of(request.key())).get(request.key());
		if (earlier != null) {
			return replay(request, earlier);
		}
		Instance instance = this.instances.lock(request.instanceId())
			.filter((found) -> found.customerId().equals(request.customer()))
			.orElse(null);
		if (instance == null) {
			return new ChangePlacement.InstanceNotFound();
		}
		Decision decision = this.rules.decide(instance, request.draft(), request.precondition());
		if (decision instanceof Decision.Refused refused) {
			return refusal(refused.refusal());
		}
		Decision.Acceptable acceptable = (Decision.Acceptable) decision;
		Order create = this.placedOrders.creationOf(instance.id())
			.orElseThrow(() -> new IllegalStateException("instance " + instance.id() + " has no stored create"));
		OrderId orderId = OrderId.random();
		Instance after = instance.accept(orderId, acceptable.type(), acceptable.desired());
		OrderSpec desired = create.spec()
			.withSettings(acceptable.desired().nodeSize(), acceptable.desired().storage(),
					acceptable.desired().trustedSources());
		OrderPlaced placed = Order.change(desired, orderId, instance.id(), acceptable.type(), after.version(),
				acceptable.desired().deletionProtection(), acceptable.changes(),
				this.clock.instant().truncatedTo(ChronoUnit.MILLIS), request.clientId());
		this.orders.add(List.of(placed.order()));
		this.instances.save(after);
		this.events.record(List.of(this.events.prepare(placed)));
		this.idempotencyKeys.remember(Map.of(request.key(), new RememberedOutcome(request.fingerprint(),
				orderId.value(), instance.id().value(), placed.order().placedAt())));
		return new ChangePlacement.Accepted(orderId, instance.id(), acceptable.type(), after.version(), false);
	}

	private ChangePlacement replay(Request request, RememberedOutcome earlier) {
		if (!earlier.requestFingerprint().equals(request.fingerprint())) {
			return new ChangePlacement.KeyReusedForDifferentOrder();
		}
		Order order = this.placedOrders.find(new OrderId(earlier.resourceId()))
			.orElseThrow(() -> new IllegalStateException("remembered order " + earlier.resourceId() + " is gone"));
		return new ChangePlacement.Accepted(order.id(), order.instanceId(), order.type(), order.instanceVersion(),
				true);
	}

	private static ChangePlacement refusal(Refusal refusal) {
		if (refusal instanceof Refusal.NotChangeable notChangeable) {
			return new ChangePlacement.NotChangeable(notChangeable.state());
		}
		if (refusal instanceof Refusal.PreconditionFailed stale) {
			return new ChangePlacement.PreconditionFailed(stale.currentVersion());
		}
		if (refusal instanceof Refusal.Busy busy) {
			return new ChangePlacement.Busy(busy.blocking());
		}
		if (refusal instanceof Refusal.DeletionProtected) {
			return new ChangePlacement.DeletionProtected();
		}
		return new ChangePlacement.Rejected(((Refusal.Invalid) refusal).violations());
	}

	private static void logAccepted(ChangePlacement.Accepted accepted, CustomerId customer) {
		try (MDC.MDCCloseable context = MDC.putCloseable(ORDER_ID, accepted.orderId().toString())) {
			if (accepted.replayed()) {
				log.info("Replayed {} order {} of instance {} (customer {}) for a retry with the same idempotency key",
						accepted.type(), accepted.orderId(), accepted.instanceId(), customer.value());
			}
			else {
				log.info("Accepted {} order {} of instance {} (customer {}), instance version {}", accepted.type(),
						accepted.orderId(), accepted.instanceId(), customer.value(), accepted.instanceVersion());
			}
		}
	}

	/**
	 * A change order on its way into the transaction.
	 */
	private record Request(String clientId, InstanceId instanceId, CustomerId customer, ChangeDraft draft,
			Precondition precondition, ScopedKey key, String fingerprint) {
	}

}
