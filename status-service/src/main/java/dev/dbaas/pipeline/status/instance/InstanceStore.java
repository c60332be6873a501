package dev.dbaas.pipeline.status.instance;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.dbaas.pipeline.status.order.InstanceId;
import dev.dbaas.pipeline.status.order.OrderHistory;
import dev.dbaas.pipeline.status.order.OrderId;
import dev.dbaas.pipeline.status.order.OrderType;
import dev.dbaas.pipeline.status.order.OrderView;
import org.jspecify.annotations.Nullable;

/**
 * Where instances are read from (the order view) and their reveals kept. Implementations
 * are thread-safe.
 */
public interface InstanceStore {

	/**
	 * The orders of an instance.
	 * @param instanceId the instance
	 * @return its orders; empty if the instance is unknown
	 */
	List<OrderView> ordersOf(InstanceId instanceId);

	/**
	 * One page of instances, newest first (by {@link InstanceView#createdAt()}, then id,
	 * descending).
	 * @param customerId only this customer's, or {@code null} for every customer's
	 * @param limit page size, 1 to 200
	 * @param after the cursor of the previous page, or {@code null}
	 * @return the page
	 */
	InstancePage page(@Nullable String customerId, int limit, @Nullable InstanceCursor after);

	/**
	 * The transitions of an instance's orders.
	 * @param orders the instance's orders
	 * @return the histories by order
	 */
	Map<OrderId, OrderHistory> historiesOf(List<OrderView> orders);

	/**
	 * How many instances are in each state, by the rules of {@link InstanceView#state()}.
	 * @return the counts; a state without instances may be absent
	 */
	Map<InstanceState, Long> countByState();

	/**
	 * When the oldest UPDATE and the oldest DELETE that are still NEW or PROCESSING were
	 * placed.
	 * @return the placement times by order type; a type without pending orders is absent
	 */
	Map<OrderType, Instant> oldestPendingChanges();

	/**
	 * Writes a reveal to the instance's history.
	 * @param reveal who and when
	 */
	void recordReveal(CredentialReveal reveal);

	/**
	 * The reveals of an instance, oldest first.
	 * @param instanceId the instance
	 * @return the reveals
	 */
	List<CredentialReveal> revealsOf(InstanceId instanceId);

}
