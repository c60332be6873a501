package dev.dbaas.pipeline.status.instance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

import dev.dbaas.pipeline.status.order.Instance;
import dev.dbaas.pipeline.status.order.InstanceId;
import dev.dbaas.pipeline.status.order.ObservedSettings;
import dev.dbaas.pipeline.status.order.OrderDetails;
import dev.dbaas.pipeline.status.order.OrderStatus;
import dev.dbaas.pipeline.status.order.OrderTerms;
import dev.dbaas.pipeline.status.order.OrderType;
import dev.dbaas.pipeline.status.order.OrderView;
import dev.dbaas.pipeline.status.order.SealedCredentials;
import org.jspecify.annotations.Nullable;

/**
 * An instance as its orders tell it: a pure fold of the instance's orders (its create,
 * then its change and delete orders, docs/lifecycle.md). Because each order's view
 * converges whatever the delivery order, and the fold depends only on the set of orders,
 * the instance converges too.
 *
 * <p>
 * The orders of an instance are placed one after the other (at most one is not terminal,
 * except a DELETE that cancels a running create), so the order of their placement times
 * is the order of their versions; "newest" below means the latest placed.
 *
 * @param instanceId the instance
 * @param orders the instance's orders, oldest first
 */
public record InstanceView(InstanceId instanceId, List<OrderView> orders) {

	/** Oldest first: the earliest placement, ties broken by order id. */
	static final Comparator<OrderView> CREATION = Comparator.comparing(OrderView::orderedAt)
		.thenComparing(OrderView::orderId);

	public InstanceView {
		if (instanceId == null || orders == null || orders.isEmpty()) {
			throw new IllegalArgumentException("an instance has an id and at least one order");
		}
		for (OrderView order : orders) {
			if (!instanceId.equals(order.instanceId())) {
				throw new IllegalArgumentException("order " + order.orderId() + " is not of instance " + instanceId);
			}
		}
		orders = orders.stream().sorted(CREATION).toList();
	}

	/**
	 * The instance that its orders, in any order, make.
	 * @param instanceId the instance
	 * @param orders its orders, at least one
	 * @return the instance
	 */
	public static InstanceView of(InstanceId instanceId, List<OrderView> orders) {
		return new InstanceView(instanceId, orders);
	}

	/**
	 * The order that created the instance: its CREATE order, or the earliest order while
	 * the create has not been projected yet.
	 * @return the create order
	 */
	public OrderView createOrder() {
		return this.orders.stream()
			.filter((order) -> order.type() == OrderType.CREATE)
			.findFirst()
			.orElse(this.orders.get(0));
	}

	/**
	 * Whose instance it is: the customer of the create order.
	 * @return the customer id
	 */
	public String customerId() {
		return createOrder().customerId();
	}

	/**
	 * The state, by the first rule that holds:
	 * <ol>
	 * <li>a DELETE is DONE: DELETED;</li>
	 * <li>a DELETE is NEW or PROCESSING: DELETING (also while it cancels the
	 * create);</li>
	 * <li>the create FAILED, or a change FAILED with {@code instanceUsable=false}:
	 * FAILED;</li>
	 * <li>the create was CANCELLED (its DELETE is on its way): DELETING;</li>
	 * <li>the create is NEW or PROCESSING: CREATING;</li>
	 * <li>an UPDATE is NEW or PROCESSING: UPDATING;</li>
	 * <li>otherwise RUNNING.</li>
	 * </ol>
	 * A FAILED change that does not say whether the instance is usable leaves it usable.
	 * {@code JdbcInstanceStore#countByState} applies the same rules in SQL.
	 * @return the state
	 */
	public InstanceState state() {
		boolean deleted = false;
		boolean deleting = false;
		boolean failed = false;
		boolean cancelled = false;
		boolean creating = false;
		boolean updating = false;
		for (OrderView order : this.orders) {
			OrderStatus status = order.status();
			boolean pending = !status.isTerminal();
			switch (order.type()) {
				case CREATE -> {
					failed |= status == OrderStatus.FAILED;
					cancelled |= status == OrderStatus.CANCELLED;
					creating |= pending;
				}
				case UPDATE -> {
					failed |= leftUnusable(order);
					updating |= pending;
				}
				case DELETE -> {
					deleted |= status == OrderStatus.DONE;
					deleting |= pending;
					failed |= leftUnusable(order);
				}
			}
		}
		if (deleted) {
			return InstanceState.DELETED;
		}
		if (deleting) {
			return InstanceState.DELETING;
		}
		if (failed) {
			return InstanceState.FAILED;
		}
		if (cancelled) {
			return InstanceState.DELETING;
		}
		if (creating) {
			return InstanceState.CREATING;
		}
		return updating ? InstanceState.UPDATING : InstanceState.RUNNING;
	}

	private List<OrderView> newestFirst() {
		List<OrderView> newest = new ArrayList<>(this.orders);
		Collections.reverse(newest);
		return newest;
	}

	private static boolean leftUnusable(OrderView order) {
		return order.status() == OrderStatus.FAILED && Boolean.FALSE.equals(order.statusReport().instanceUsable());
	}

	/**
	 * When the instance was ordered; instances are listed newest first by it.
	 * @return the create order's time
	 */
	public Instant createdAt() {
		return createOrder().orderedAt();
	}

	/**
	 * What was ordered when the instance was created.
	 * @return the create order's details, or {@code null} until its placement arrived
	 */
	public @Nullable OrderDetails details() {
		return createOrder().details();
	}

	/**
	 * The settings the instance is meant to have: those of the newest placed order that
	 * did not fail and was not cancelled (every order carries the complete settings after
	 * it).
	 * @return the settings, or {@code null} if no such placement arrived
	 */
	public @Nullable InstanceSettings desired() {
		for (OrderView order : newestFirst()) {
			OrderDetails details = order.details();
			OrderTerms terms = order.terms();
			if (details != null && terms != null && order.status() != OrderStatus.FAILED
					&& order.status() != OrderStatus.CANCELLED) {
				return InstanceSettings.ordered(details, terms);
			}
		}
		return null;
	}

	/**
	 * The settings the backend last observed: those the newest DONE create or update read
	 * back; for a DONE written before orders reported what they observed, the settings
	 * that order asked for.
	 * @return the settings, or {@code null} if nothing was observed yet or the instance
	 * is DELETED
	 */
	public @Nullable InstanceSettings observed() {
		if (state() == InstanceState.DELETED) {
			return null;
		}
		for (OrderView order : newestFirst()) {
			if (order.status() != OrderStatus.DONE || order.type() == OrderType.DELETE) {
				continue;
			}
			ObservedSettings observed = order.statusReport().observed();
			OrderTerms terms = order.terms();
			if (observed != null) {
				InstanceSettings desired = desired();
				boolean protection = (terms != null) ? terms.deletionProtection()
						: (desired != null && desired.deletionProtection());
				return InstanceSettings.observed(observed, protection);
			}
			OrderDetails details = order.details();
			if (details != null && terms != null) {
				return InstanceSettings.ordered(details, terms);
			}
		}
		return null;
	}

	/**
	 * The order the instance waits for: the newest that is NEW or PROCESSING (for a
	 * cancel, the DELETE).
	 * @return the order, or {@code null} if every order is terminal
	 */
	public @Nullable OrderView pendingOrder() {
		for (OrderView order : newestFirst()) {
			if (!order.status().isTerminal()) {
				return order;
			}
		}
		return null;
	}

	/**
	 * The instance's version: the highest {@code instanceVersion} of its placed orders (a
	 * create whose placement predates versions is 1). The ETag on both APIs.
	 * @return at least 1
	 */
	public long version() {
		long version = 1;
		for (OrderView order : this.orders) {
			if (order.terms() != null) {
				version = Math.max(version, order.terms().instanceVersion());
			}
		}
		return version;
	}

	/**
	 * Where the database answers, only while it serves: the newest report of its orders.
	 * @return the connection facts, or {@code null} unless RUNNING or UPDATING
	 */
	public @Nullable Instance connection() {
		if (!state().serves()) {
			return null;
		}
		for (OrderView order : newestFirst()) {
			if (order.instance() != null) {
				return order.instance();
			}
		}
		return null;
	}

	/**
	 * The admin credentials as the provisioner sealed them (on the create's DONE); only
	 * for the reveal, and only while the database serves.
	 * @return the sealed credentials, or {@code null} if none arrived or it does not
	 * serve
	 */
	public @Nullable SealedCredentials credentials() {
		if (!state().serves()) {
			return null;
		}
		for (OrderView order : newestFirst()) {
			if (order.credentials() != null) {
				return order.credentials();
			}
		}
		return null;
	}

}
