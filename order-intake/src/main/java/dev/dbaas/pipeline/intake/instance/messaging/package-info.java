/**
 * Consumes the terminal statuses of dbaas.order.status.v1 in group order-intake and
 * applies them to the instances.
 */
@NullMarked
package dev.dbaas.pipeline.intake.instance.messaging;

import org.jspecify.annotations.NullMarked;
