package dev.dbaas.pipeline.schemas;

import java.util.List;

/**
 * The one place where the pipeline's topics are defined. Services bind these names as the
 * defaults of their {@code pipeline.topics.*} properties; the launcher and the test kit
 * create the topics from here.
 */
public final class Topics {

	/** Partition count of the main topics: the upper bound of consumers per group. */
	public static final int PARTITIONS = 6;

	/** {@code OrderPlaced} events from order-intake, keyed by orderId. */
	public static final TopicSpec ORDER_PLACED = new TopicSpec("dbaas.order.placed.v1", PARTITIONS, "orderId",
			"OrderPlaced");

	/** {@code OrderStatusChanged} events from the provisioner, keyed by orderId. */
	public static final TopicSpec ORDER_STATUS = new TopicSpec("dbaas.order.status.v1", PARTITIONS, "orderId",
			"OrderStatusChanged");

	/**
	 * Records of {@link #ORDER_PLACED} that a consumer could not handle, with the
	 * original bytes and {@code kafka_dlt-*} headers that say why. Same partition count
	 * as the source, so a record keeps its partition number.
	 */
	public static final TopicSpec ORDER_PLACED_DLT = new TopicSpec("dbaas.order.placed.v1.dlt", PARTITIONS, "orderId",
			"original bytes");

	/** Dead-letter topic of {@link #ORDER_STATUS}. */
	public static final TopicSpec ORDER_STATUS_DLT = new TopicSpec("dbaas.order.status.v1.dlt", PARTITIONS, "orderId",
			"original bytes");

	private Topics() {
	}

	/**
	 * Every topic of the pipeline.
	 * @return the topics, main topics first
	 */
	public static List<TopicSpec> all() {
		return List.of(ORDER_PLACED, ORDER_STATUS, ORDER_PLACED_DLT, ORDER_STATUS_DLT);
	}

}
