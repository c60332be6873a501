/**
 * Places validated orders: idempotency, the order row and its event in one transaction.
 */
@NullMarked
package dev.dbaas.pipeline.intake.order.application;

import org.jspecify.annotations.NullMarked;
