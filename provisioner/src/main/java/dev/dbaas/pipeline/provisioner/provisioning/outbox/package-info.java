/**
 * Transactional outbox of status events: rows written with each state change, relayed to
 * the status topic in order per order.
 */
@NullMarked
package dev.dbaas.pipeline.provisioner.provisioning.outbox;

import org.jspecify.annotations.NullMarked;
