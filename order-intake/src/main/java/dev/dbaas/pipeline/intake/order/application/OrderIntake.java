package dev.dbaas.pipeline.intake.order.application;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import dev.dbaas.pipeline.contract.jdbc.GroupCommit;
import dev.dbaas.pipeline.contract.jdbc.WriterQueueFullException;
import dev.dbaas.pipeline.intake.admission.Admission;
import dev.dbaas.pipeline.intake.admission.Overload;
import dev.dbaas.pipeline.intake.catalog.Catalog;
import dev.dbaas.pipeline.intake.idempotency.IdempotencyKey;
import dev.dbaas.pipeline.intake.idempotency.IdempotencyKeys;
import dev.dbaas.pipeline.intake.idempotency.IdempotencyScope;
import dev.dbaas.pipeline.intake.idempotency.RememberedOutcome;
import dev.dbaas.pipeline.intake.idempotency.ScopedKey;
import dev.dbaas.pipeline.intake.order.InstanceId;
import dev.dbaas.pipeline.intake.order.InstanceRegistry;
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
import dev.dbaas.pipeline.security.Caller;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Places orders: checks the submission and validates the order against the catalog on the
 * request's thread (see {@link #place(Submission)} for the order of the checks), then
 * hands them to a few writer threads that place concurrent orders together, in one
 * transaction per group (group commit, decision 0004): check the idempotency keys, store
 * the orders, register their instances (version 1, the create pending), record their
 * events in the outbox and remember the outcomes for retries. Returns only after commit.
 *
 * <p>
 * Within a group, a second request with the key of the first is "in progress", exactly as
 * if it had met the first one's transaction.
 *
 * <p>
 * A valid order is refused at once, with nothing stored, while {@link Admission} says too
 * many orders are in flight, or when {@code intake.placement.max-queued} requests already
 * wait for the writers, queued or in a group being written (decision 0046): so at most
 * that many request threads wait for writes, and the others stay free to answer. A retry
 * of an order accepted earlier is still answered with its replay then.
 *
 * <p>
 * An accepted order is logged once, after commit, on the request's thread, with its id in
 * the MDC as {@code orderId} (next to the request's {@code traceId}, which its
 * {@code OrderPlaced} record carries on).
 *
 * <p>
 * Thread-safe. Database failures surface as Spring's {@code DataAccessException} or
 * {@code TransactionException}; nothing is accepted unless it committed.
 */
@Service
public class OrderIntake implements DisposableBean {

	/** MDC key of the order id, the same in every service. */
	private static final String ORDER_ID = "orderId";

	private static final Logger log = LoggerFactory.getLogger(OrderIntake.class);

	private final OrderValidator validator;

	private final Orders orders;

	private final OrderEvents events;

	private final InstanceRegistry instances;

	private final IdempotencyKeys idempotencyKeys;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final GroupCommit<Request, Placement> writer;

	private final Timer writes;

	private final Admission admission;

	private final int maxWaiting;

	/** Request threads waiting for the writers: queued, or in a group being written. */
	private final AtomicInteger waiting = new AtomicInteger();

	public OrderIntake(Catalog catalog, Orders orders, OrderEvents events, InstanceRegistry instances,
			IdempotencyKeys idempotencyKeys, TransactionTemplate transactions, Clock clock,
			PlacementProperties properties, Admission admission, MeterRegistry meters) {
		this.validator = new OrderValidator(catalog, clock);
		this.orders = orders;
		this.events = events;
		this.instances = instances;
		this.idempotencyKeys = idempotencyKeys;
		this.transactions = transactions;
		this.clock = clock;
		this.admission = admission;
		this.maxWaiting = properties.maxQueued();
		DistributionSummary groupSizes = DistributionSummary.builder("orders.placement.group.size")
			.description("Orders written in one transaction")
			.register(meters);
		this.writes = Timer.builder("orders.placement.write")
			.description("Writing one group of orders: locks, look-ups, inserts and commit")
			.register(meters);
		this.writer = new GroupCommit<>("order-writer", properties.writers(), properties.maxGroupSize(),
				properties.maxQueued(), properties.timeout(), this::placeGroup,
				(failure) -> !databaseUnavailable(failure), groupSizes::record);
		Gauge.builder("orders.placement.queued", this.writer, GroupCommit::queued)
			.description("Validated orders waiting for a writer")
			.register(meters);
		Gauge.builder("orders.placement.waiting", this.waiting, AtomicInteger::get)
			.description("Orders waiting for a placement writer: queued, or in a group being written")
			.register(meters);
		Gauge.builder("orders.placement.waiting.limit", properties::maxQueued)
			.description("intake.placement.max-queued; 0 for no bound")
			.register(meters);
	}

	/**
	 * Places an order, checking the submission in the order clients rely on: the
	 * idempotency key, whether the body could be read, whether the caller may act for the
	 * order's customer, the body's structure, the catalog rules, and last the idempotency
	 * key's earlier use.
	 * @param submission the request as it arrived
	 * @return the outcome; {@link Placement.Accepted} only after commit
	 */
	public Placement place(Submission submission) {
		String key = submission.idempotencyKey();
		if (key == null) {
			return new Placement.MissingIdempotencyKey();
		}
		if (!IdempotencyKey.isValid(key)) {
			return new Placement.InvalidIdempotencyKey();
		}
		if (submission.body() instanceof Submission.Body.Unreadable unreadable) {
			return new Placement.UnreadableBody(unreadable.reason());
		}
		Submission.Body.Read read = (Submission.Body.Read) submission.body();
		Caller caller = submission.caller();
		String customerId = read.draft().customerId();
		if (customerId != null && !caller.mayActFor(customerId)) {
			return new Placement.ForeignCustomer();
		}
		if (!read.problems().isEmpty()) {
			return new Placement.MalformedBody(merge(read.problems(), check(read.draft())));
		}
		return place(caller.clientId(), new IdempotencyKey(key), read.draft());
	}

	private Placement place(String clientId, IdempotencyKey key, OrderDraft draft) {
		Validation validation = this.validator.validate(draft);
		if (validation instanceof Validation.Invalid invalid) {
			return new Placement.Rejected(invalid.violations());
		}
		OrderSpec spec = ((Validation.Valid) validation).spec();
		ScopedKey scopedKey = new ScopedKey(new IdempotencyScope(clientId, spec.customerId().value()), key);
		Optional<Overload> overload = this.admission.admit();
		if (overload.isPresent()) {
			return replayOr(scopedKey, spec, overload.get());
		}
		OrderPlaced placed = Order.place(spec, OrderId.random(), InstanceId.random(),
				this.clock.instant().truncatedTo(ChronoUnit.MILLIS), clientId);
		Request request = new Request(scopedKey, spec.fingerprint(), placed, this.events.prepare(placed));
		Placement placement;
		int waitingBefore = this.waiting.getAndIncrement();
		try {
			if (this.maxWaiting > 0 && waitingBefore >= this.maxWaiting) {
				return replayOr(scopedKey, spec, this.admission.placementQueueFull(waitingBefore, this.maxWaiting));
			}
			placement = this.writer.submit(request);
		}
		catch (WriterQueueFullException ex) {
			return replayOr(scopedKey, spec, this.admission.placementQueueFull(this.writer.queued(), ex.bound()));
		}
		finally {
			this.waiting.decrementAndGet();
		}
		if (placement instanceof Placement.Accepted accepted) {
			logAccepted(accepted, spec);
		}
		return placement;
	}

	/**
	 * The answer to an order that cannot be placed now: the replay of an order accepted
	 * earlier with its key (a retry is never refused), else the overload. Reads the key
	 * without locking it: a request with the same key in progress is refused like a new
	 * one.
	 */
	private Placement replayOr(ScopedKey key, OrderSpec spec, Overload overload) {
		RememberedOutcome earlier = this.idempotencyKeys.find(List.of(key)).get(key);
		if (earlier == null) {
			return new Placement.Overloaded(overload);
		}
		if (!earlier.requestFingerprint().equals(spec.fingerprint())) {
			return new Placement.KeyReusedForDifferentOrder();
		}
		Placement.Accepted replayed = replayOf(earlier);
		logAccepted(replayed, spec);
		return replayed;
	}

	private static Placement.Accepted replayOf(RememberedOutcome outcome) {
		OrderId earlierOrder = new OrderId(outcome.resourceId());
		InstanceId earlierInstance = (outcome.instanceId() != null) ? new InstanceId(outcome.instanceId())
				: InstanceId.ofLegacyOrder(earlierOrder);
		return new Placement.Accepted(earlierOrder, earlierInstance, outcome.createdAt(), true);
	}

	private List<Violation> check(OrderDraft draft) {
		Validation validation = this.validator.validate(draft);
		return (validation instanceof Validation.Invalid invalid) ? invalid.violations() : List.of();
	}

	/**
	 * Structural problems first; rule violations only where the field itself was
	 * readable.
	 */
	private static List<Violation> merge(List<Violation> structural, List<Violation> semantic) {
		List<Violation> all = new ArrayList<>(structural);
		semantic.stream()
			.filter((violation) -> structural.stream()
				.noneMatch((problem) -> violation.isWithin(problem.pointer()) || problem.isWithin(violation.pointer())))
			.forEach(all::add);
		return all;
	}

	/**
	 * Writes what is queued, then stops the writers. Runs after the web server stopped,
	 * so requests in flight are answered.
	 */
	@Override
	public void destroy() {
		this.writer.close();
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

	private List<Placement> placeGroup(List<Request> requests) {
		List<Placement> placements = this.writes.record(() -> this.admission
			.writing(() -> this.transactions.execute((status) -> placeTogether(requests)), OrderIntake::newlyAccepted));
		if (placements == null) {
			throw new IllegalStateException("transaction returned no placements");
		}
		return placements;
	}

	private static long newlyAccepted(@Nullable List<Placement> placements) {
		if (placements == null) {
			return 0;
		}
		return placements.stream()
			.filter((placement) -> placement instanceof Placement.Accepted accepted && !accepted.replayed())
			.count();
	}

	private List<Placement> placeTogether(List<Request> requests) {
		Placement[] placements = new Placement[requests.size()];
		Map<ScopedKey, Integer> firstWithKey = new HashMap<>();
		List<Integer> candidates = new ArrayList<>(requests.size());
		for (int i = 0; i < requests.size(); i++) {
			if (firstWithKey.putIfAbsent(requests.get(i).key(), i) == null) {
				candidates.add(i);
			}
			else {
				placements[i] = new Placement.KeyInUse();
			}
		}
		boolean[] locked = this.idempotencyKeys.tryLock(candidates.stream().map((i) -> requests.get(i).key()).toList());
		List<Integer> owned = new ArrayList<>(candidates.size());
		for (int c = 0; c < candidates.size(); c++) {
			if (locked[c]) {
				owned.add(candidates.get(c));
			}
			else {
				placements[candidates.get(c)] = new Placement.KeyInUse();
			}
		}
		Map<ScopedKey, RememberedOutcome> earlier = this.idempotencyKeys
			.find(owned.stream().map((i) -> requests.get(i).key()).toList());
		List<Order> newOrders = new ArrayList<>(owned.size());
		List<OrderEvents.Prepared> newEvents = new ArrayList<>(owned.size());
		Map<ScopedKey, RememberedOutcome> outcomes = new LinkedHashMap<>();
		for (int i : owned) {
			Request request = requests.get(i);
			RememberedOutcome outcome = earlier.get(request.key());
			if (outcome == null) {
				Order order = request.placed().order();
				newOrders.add(order);
				newEvents.add(request.event());
				outcomes.put(request.key(), new RememberedOutcome(request.fingerprint(), order.id().value(),
						order.instanceId().value(), order.placedAt()));
				placements[i] = new Placement.Accepted(order.id(), order.instanceId(), order.placedAt(), false);
			}
			else if (outcome.requestFingerprint().equals(request.fingerprint())) {
				placements[i] = replayOf(outcome);
			}
			else {
				placements[i] = new Placement.KeyReusedForDifferentOrder();
			}
		}
		this.orders.add(newOrders);
		this.instances.register(newOrders);
		this.events.record(newEvents);
		this.idempotencyKeys.remember(outcomes);
		return Arrays.asList(placements);
	}

	/**
	 * Whether a failure says the database cannot be used right now (every order of the
	 * group would fail alike), rather than something one order may have caused.
	 */
	private static boolean databaseUnavailable(RuntimeException failure) {
		return failure instanceof TransientDataAccessException || failure instanceof DataAccessResourceFailureException
				|| failure instanceof RecoverableDataAccessException
				|| failure instanceof CannotCreateTransactionException || failure instanceof TransactionSystemException;
	}

	/**
	 * An order on its way to the writer.
	 *
	 * @param key its idempotency key
	 * @param fingerprint its fingerprint, to tell a retry from a different order
	 * @param placed the order and its event, used if the key is new
	 * @param event the event, prepared on the request's thread
	 */
	private record Request(ScopedKey key, String fingerprint, OrderPlaced placed, OrderEvents.Prepared event) {
	}

}
