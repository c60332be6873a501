/**
 * Turns domain order events into Avro {@code OrderPlaced} records in the outbox.
 */
@NullMarked
package dev.dbaas.pipeline.intake.order.messaging;

import org.jspecify.annotations.NullMarked;
