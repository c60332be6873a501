package dev.dbaas.pipeline.status.instance;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.zip.CRC32;

import dev.dbaas.pipeline.status.order.Instance;
import dev.dbaas.pipeline.status.order.InstanceId;
import dev.dbaas.pipeline.status.order.OrderDetails;
import dev.dbaas.pipeline.status.order.OrderView;
import dev.dbaas.pipeline.status.order.SealedCredentials;
import org.jspecify.annotations.Nullable;

/**
 * An instance as its orders tell it: a pure fold of the instance's orders. Today every
 * instance has one order, the one that creates it; change and delete orders of the same
 * instance will join the list, and the fold is where they will count.
 *
 * @param instanceId the instance
 * @param orders the instance's orders, the create order (the earliest) first
 */
public record InstanceView(InstanceId instanceId, List<OrderView> orders) {

	/** The create order comes first: the earliest placement, ties broken by order id. */
	static final Comparator<OrderView> CREATION = Comparator.comparing(OrderView::orderedAt)
		.thenComparing(OrderView::orderId);

	public InstanceView {
		if (instanceId == null || orders == null || orders.isEmpty()) {
			throw new IllegalArgumentException("an instance has an id and at least its create order");
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
	 * The order that created the instance.
	 * @return the earliest order
	 */
	public OrderView createOrder() {
		return this.orders.get(0);
	}

	/**
	 * Whose instance it is: the customer of the create order.
	 * @return the customer id
	 */
	public String customerId() {
		return createOrder().customerId();
	}

	public InstanceState state() {
		return InstanceState.afterCreateOrder(createOrder().status());
	}

	/**
	 * When the instance was ordered; instances are listed newest first by it.
	 * @return the create order's time
	 */
	public Instant createdAt() {
		return createOrder().orderedAt();
	}

	/**
	 * What was ordered.
	 * @return the create order's details, or {@code null} until its placement arrived
	 */
	public @Nullable OrderDetails details() {
		return createOrder().details();
	}

	/**
	 * Where the database answers, only while it runs.
	 * @return the connection facts, or {@code null} unless RUNNING
	 */
	public @Nullable Instance connection() {
		return (state() == InstanceState.RUNNING) ? createOrder().instance() : null;
	}

	/**
	 * The admin credentials as the provisioner sealed them; only for the reveal.
	 * @return the sealed credentials, or {@code null} if none arrived
	 */
	public @Nullable SealedCredentials credentials() {
		return (state() == InstanceState.RUNNING) ? createOrder().credentials() : null;
	}

	/**
	 * A version of what readers see, for the ETag: it changes whenever one of the orders'
	 * visible state does.
	 * @return e.g. {@code 3-0a1b2c3d}
	 */
	public String version() {
		StringBuilder visible = new StringBuilder(this.instanceId.value());
		long sequence = 0;
		for (OrderView order : this.orders) {
			visible.append('|').append(order.orderId()).append(':').append(order.version());
			sequence += Math.max(order.lastSequence(), 0);
		}
		CRC32 crc = new CRC32();
		crc.update(visible.toString().getBytes(StandardCharsets.UTF_8));
		return sequence + "-" + String.format("%08x", crc.getValue());
	}

}
