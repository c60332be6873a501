package dev.dbaas.pipeline.contract.kafka;

import java.util.List;

import dev.dbaas.pipeline.schemas.Topics;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The pipeline's topic names, {@code pipeline.topics.*}; each one not set (or blank)
 * defaults to {@link Topics}. The one binding of every service: the test kit sets the
 * properties per test class, the launcher leaves the defaults.
 *
 * @param orderPlaced topic of {@code OrderPlaced}
 * @param orderStatus topic of {@code OrderStatusChanged}
 * @param orderPlacedDlt dead-letter topic of {@code orderPlaced}
 * @param orderStatusDlt dead-letter topic of {@code orderStatus}
 */
@ConfigurationProperties("pipeline.topics")
public record PipelineTopics(String orderPlaced, String orderStatus, String orderPlacedDlt, String orderStatusDlt) {

	/** Unset names fall back to {@link Topics}. */
	public PipelineTopics(@Nullable String orderPlaced, @Nullable String orderStatus, @Nullable String orderPlacedDlt,
			@Nullable String orderStatusDlt) {
		this.orderPlaced = orDefault(orderPlaced, Topics.ORDER_PLACED.name());
		this.orderStatus = orDefault(orderStatus, Topics.ORDER_STATUS.name());
		this.orderPlacedDlt = orDefault(orderPlacedDlt, Topics.ORDER_PLACED_DLT.name());
		this.orderStatusDlt = orDefault(orderStatusDlt, Topics.ORDER_STATUS_DLT.name());
	}

	/**
	 * The defaults, {@link Topics}.
	 * @return the topics nobody overrode
	 */
	public static PipelineTopics defaults() {
		return new PipelineTopics(null, null, null, null);
	}

	/**
	 * The dead-letter topic of a main topic.
	 * @param topic a main topic
	 * @return its dead-letter topic
	 * @throws IllegalArgumentException for a topic that has none (a dead-letter topic, or
	 * one that is not the pipeline's)
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

	/**
	 * The two main topics, those that have a dead-letter topic.
	 * @return {@code orderPlaced} and {@code orderStatus}
	 */
	public List<String> mainTopics() {
		return List.of(this.orderPlaced, this.orderStatus);
	}

	private static String orDefault(@Nullable String value, String fallback) {
		return (value == null || value.isBlank()) ? fallback : value;
	}

}
