/**
 * Kafka adapter of the projection: batch listeners on both topics, the mapping from the
 * Avro wire classes to domain events, and the dead-letter topics.
 */
@NullMarked
package dev.dbaas.pipeline.status.projection.messaging;

import org.jspecify.annotations.NullMarked;
