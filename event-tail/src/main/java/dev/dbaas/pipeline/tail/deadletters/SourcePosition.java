package dev.dbaas.pipeline.tail.deadletters;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Where a dead letter came from, as spring-kafka's {@code kafka_dlt-original-*} headers
 * say.
 *
 * @param position topic, partition and offset of the record on its source topic
 * @param timestamp the source record's timestamp, or {@code null} without the header
 * @param consumerGroup the group that dead-lettered it, or {@code null} without the
 * header (a recoverer called outside a listener container has none)
 */
public record SourcePosition(RecordPosition position, @Nullable Instant timestamp, @Nullable String consumerGroup) {

}
