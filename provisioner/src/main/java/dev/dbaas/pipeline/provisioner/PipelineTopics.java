package dev.dbaas.pipeline.provisioner;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

import dev.dbaas.pipeline.schemas.Topics;

/**
 * The pipeline's topic names ({@code pipeline.topics.*}), defaulting to {@link Topics}.
 *
 * @param orderPlaced where orders arrive
 * @param orderStatus where status events go
 * @param orderPlacedDlt where undecodable or unprocessable orders go
 * @param orderStatusDlt dead-letter topic of the status topic (not used by the
 * provisioner)
 */
@ConfigurationProperties("pipeline.topics")
public record PipelineTopics(String orderPlaced, String orderStatus, String orderPlacedDlt, String orderStatusDlt) {

	public PipelineTopics(@Nullable String orderPlaced, @Nullable String orderStatus, @Nullable String orderPlacedDlt,
			@Nullable String orderStatusDlt) {
		this.orderPlaced = orDefault(orderPlaced, Topics.ORDER_PLACED.name());
		this.orderStatus = orDefault(orderStatus, Topics.ORDER_STATUS.name());
		this.orderPlacedDlt = orDefault(orderPlacedDlt, Topics.ORDER_PLACED_DLT.name());
		this.orderStatusDlt = orDefault(orderStatusDlt, Topics.ORDER_STATUS_DLT.name());
	}

	private static String orDefault(@Nullable String name, String fallback) {
		return (name == null || name.isBlank()) ? fallback : name;
	}

}
