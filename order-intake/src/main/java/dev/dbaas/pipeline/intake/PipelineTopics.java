package dev.dbaas.pipeline.intake;

import org.jspecify.annotations.Nullable;

import dev.dbaas.pipeline.schemas.Topics;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The pipeline's topic names, {@code pipeline.topics.*}; each one not set defaults to
 * {@link Topics}.
 *
 * @param orderPlaced where {@code OrderPlaced} events go
 * @param orderStatus status events (not used by the intake)
 * @param orderPlacedDlt dead letters of {@code orderPlaced} (not used by the intake)
 * @param orderStatusDlt dead letters of {@code orderStatus} (not used by the intake)
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

	private static String orDefault(@Nullable String value, String fallback) {
		return (value == null || value.isBlank()) ? fallback : value;
	}

}
