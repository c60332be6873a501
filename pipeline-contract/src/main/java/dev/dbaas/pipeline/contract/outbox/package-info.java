/**
 * The plumbing both transactional outbox relays share: the relay thread's loop and
 * back-off, and the batch send that tells which records Kafka acknowledged; each relay
 * keeps its own claim SQL.
 */
@NullMarked
package dev.dbaas.pipeline.contract.outbox;

import org.jspecify.annotations.NullMarked;
