/**
 * Spring wiring of the projection's Kafka plumbing: the dead-letter producer and the
 * error handler.
 */
@NullMarked
package dev.dbaas.pipeline.status.projection.config;

import org.jspecify.annotations.NullMarked;
