/**
 * Transactional outbox: rows written with the business change, relayed to Kafka in order,
 * claimed with SKIP LOCKED.
 */
@NullMarked
package dev.dbaas.pipeline.intake.outbox;

import org.jspecify.annotations.NullMarked;
