package dev.dbaas.pipeline.status;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

import dev.dbaas.pipeline.schemas.Topics;

/**
 * The pipeline's topic names ({@code pipeline.topics.*}), defaulting to {@link Topics}.
 *
 * @param orderPlaced topic of {@code OrderPlaced}
 * @param orderStatus topic of {@code OrderStatusChanged}
 * @param orderPlacedDlt dead-letter topic of {@code orderPlaced}
 * @param orderStatusDlt dead-letter topic of {@code orderStatus}
 */
@ConfigurationProperties("pipeline.topics")
public record PipelineTopics(String orderPlaced, String orderStatus, String orderPlacedDlt, String orderStatusDlt) {

	/** Unset names fall back to {@link Topics}. */
	public PipelineTopics {
		orderPlaced = or(orderPlaced, Topics.ORDER_PLACED.name());
		orderStatus = or(orderStatus, Topics.ORDER_STATUS.name());
		orderPlacedDlt = or(orderPlacedDlt, Topics.ORDER_PLACED_DLT.name());
		orderStatusDlt = or(orderStatusDlt, Topics.ORDER_STATUS_DLT.name());
	}

	/**
	 * The dead-letter topic of a main topic.
	 * @param topic a main topic
	 * @return its dead-letter topic
	 * @throws IllegalArgumentException for a topic this service does not consume
	 */
	public String deadLetterTopicOf(String topic) {
		if (topic.equals(this.orderPlaced)) {
			return this.orderPlacedDlt;
		}
		if (topic.equals(this.orderStatus)) {
			return this.orderStatusDlt;
		}
		throw new IllegalArgumentException("No dead-letter topic for " + topic);
	}

	private static String or(@Nullable String value, String fallback) {
		return (value != null && !value.isBlank()) ? value : fallback;
	}

}
