package dev.dbaas.pipeline.provisioner.support;

import java.time.Duration;
import java.util.List;

import dev.dbaas.pipeline.events.OrderPlaced;
import dev.dbaas.pipeline.events.OrderStatusChanged;
import dev.dbaas.pipeline.testkit.Infrastructure;
import dev.dbaas.pipeline.testkit.PipelineEnvironment;
import dev.dbaas.pipeline.testkit.RealInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The provisioner's topics as a test class sees them: an {@link OrderTopic} to place
 * orders on and a {@link StatusTopic} that follows the status events (and dead letters)
 * from the beginning. Register it on a {@link RealInfrastructure @RealInfrastructure}
 * class:
 *
 * <pre class="code">
 * &#64;RegisterExtension
 * static final ProvisionerTopics topics = new ProvisionerTopics();
 * </pre>
 *
 * Both topics open before the class's first test, on the class's own environment, and
 * close after its last test, before a Spring context of the class is closed.
 */
public final class ProvisionerTopics implements BeforeAllCallback, AfterAllCallback {

	private @Nullable OrderTopic orderTopic;

	private @Nullable StatusTopic statusTopic;

	@Override
	public void beforeAll(ExtensionContext context) {
		PipelineEnvironment env = Infrastructure.environmentFor(context.getRequiredTestClass());
		this.statusTopic = new StatusTopic(env);
		this.orderTopic = new OrderTopic(env);
	}

	@Override
	public void afterAll(ExtensionContext context) throws InterruptedException {
		orderTopic().close();
		statusTopic().close();
	}

	/**
	 * Sends orders and waits until the broker has them.
	 * @param orders the orders
	 * @see OrderTopic#place(OrderPlaced...)
	 */
	public void place(OrderPlaced... orders) {
		orderTopic().place(orders);
	}

	/**
	 * Sends orders and waits until the broker has them.
	 * @param orders the orders
	 * @see OrderTopic#place(List)
	 */
	public void place(List<OrderPlaced> orders) {
		orderTopic().place(orders);
	}

	/**
	 * Sends an order to a given partition.
	 * @param partition the partition
	 * @param order the order
	 * @see OrderTopic#place(int, OrderPlaced)
	 */
	public void place(int partition, OrderPlaced order) {
		orderTopic().place(partition, order);
	}

	/**
	 * Sends bytes that are no {@code OrderPlaced} to a partition.
	 * @param partition the partition
	 * @param key the record key
	 * @param bytes the value
	 * @see OrderTopic#sendRaw(int, String, byte[])
	 */
	public void sendRaw(int partition, String key, byte[] bytes) {
		orderTopic().sendRaw(partition, key, bytes);
	}

	/**
	 * Waits until an order has a terminal event, and returns it.
	 * @param orderId the order
	 * @param timeout how long to wait
	 * @return the terminal event
	 * @see StatusTopic#awaitTerminal(String, Duration)
	 */
	public OrderStatusChanged awaitTerminal(String orderId, Duration timeout) {
		return statusTopic().awaitTerminal(orderId, timeout);
	}

	/**
	 * Waits until every order has a terminal event.
	 * @param orders the orders
	 * @param timeout how long to wait
	 * @see StatusTopic#awaitAllTerminal(java.util.Collection, Duration)
	 */
	public void awaitAllTerminal(List<OrderPlaced> orders, Duration timeout) {
		statusTopic().awaitAllTerminal(orders.stream().map(OrderPlaced::getOrderId).toList(), timeout);
	}

	/**
	 * Every status event of an order so far, in arrival order (duplicates included).
	 * @param orderId the order
	 * @return the events
	 * @see StatusTopic#eventsOf(String)
	 */
	public List<OrderStatusChanged> eventsOf(String orderId) {
		return statusTopic().eventsOf(orderId);
	}

	/**
	 * The distinct terminal (DONE or FAILED) events of an order, by sequence.
	 * @param orderId the order
	 * @return distinct terminal events
	 * @see StatusTopic#terminalEventsOf(String)
	 */
	public List<OrderStatusChanged> terminalEventsOf(String orderId) {
		return statusTopic().terminalEventsOf(orderId);
	}

	/**
	 * Records that arrived on the order topic's dead-letter topic.
	 * @return the dead letters
	 * @see StatusTopic#deadLetters()
	 */
	public List<ConsumerRecord<String, byte[]>> deadLetters() {
		return statusTopic().deadLetters();
	}

	private OrderTopic orderTopic() {
		OrderTopic topic = this.orderTopic;
		if (topic == null) {
			throw new IllegalStateException("ProvisionerTopics must be a static @RegisterExtension field");
		}
		return topic;
	}

	private StatusTopic statusTopic() {
		StatusTopic topic = this.statusTopic;
		if (topic == null) {
			throw new IllegalStateException("ProvisionerTopics must be a static @RegisterExtension field");
		}
		return topic;
	}

}
